import { create } from 'zustand';

/**
 * Short confirmations of finished actions ("Key rotated to version 3."), shown one at a time as a snackbar by
 * <Notifications /> in the app shell. Never pass secret values: the text is shown on screen and read out.
 */
interface NotifyState {
  message: { id: number; text: string } | null;
  notify(text: string): void;
  dismiss(): void;
}

let next = 1;
export const useNotify = create<NotifyState>((set) => ({
  message: null,
  notify: (text) => set({ message: { id: next++, text } }),
  dismiss: () => set({ message: null }),
}));

/** From anywhere (an action's success handler): notify with words already translated. */
export const notify = (text: string): void => useNotify.getState().notify(text);

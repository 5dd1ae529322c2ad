import { useCallback, useState } from 'react';
import { errorMessage } from '../api';

/** Busy flag and error message around one console action. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Forget the last error: a refusal belongs to the tab it happened on, not to the next one. */
  const clear = useCallback(() => setError(null), []);
  return {
    busy,
    error,
    clear,
    async run(action: () => Promise<void>) {
      setBusy(true);
      setError(null);
      try {
        await action();
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setBusy(false);
      }
    },
  };
}

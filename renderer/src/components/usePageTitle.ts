import { useEffect } from 'react';

const APP_NAME = 'Secure Key Manager';

interface Entry {
  parts: string[];
  /** A page's own title (names from its data) wins over the frame's title for the route. */
  specific: boolean;
}
const entries: Entry[] = [];

function apply(): void {
  const entry = [...entries].reverse().find((e) => e.specific) ?? entries.at(-1);
  document.title = [...(entry?.parts ?? []), APP_NAME].join(' — ');
}

/**
 * The window / document title for the screen on show, most specific first: `usePageTitle([key.name, keyStore.name])`
 * gives "payload-key — ceremony-store — Secure Key Manager". Empty parts are left out; with none, nothing is set. The frame (AppShell, the
 * Unlock screen) sets a title for every route; a page that knows better names (its data) sets its own, which wins
 * while it is mounted.
 */
export function usePageTitle(parts: ReadonlyArray<string | null | undefined | false>, options: { specific?: boolean } = {}): void {
  const specific = options.specific ?? true;
  const key = parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('\u0000');
  useEffect(() => {
    if (!key) return; // nothing known yet: the title stays as the frame set it
    const entry: Entry = { parts: key.split('\u0000'), specific };
    entries.push(entry);
    apply();
    return () => {
      entries.splice(entries.indexOf(entry), 1);
      apply();
    };
  }, [key, specific]);
}

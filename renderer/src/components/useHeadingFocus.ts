import { useEffect, useState, type RefObject } from 'react';

/** Pages that load first show their heading a moment later; past this, a page without one is left alone. */
const WAIT_FOR_HEADING_MS = 5_000;

/**
 * After each navigation (a new `routeKey`), move keyboard focus to the page's h1 inside `container`, as soon as it is
 * there, so a screen reader announces the new page and the next Tab starts from its top. Pages that do not use
 * PageHeading get tabIndex -1 on their h1 here. Answers the heading's text (for the title of pages that set none).
 */
export function useHeadingFocus(container: RefObject<HTMLElement | null>, routeKey: string): string | null {
  const [heading, setHeading] = useState<{ routeKey: string; text: string } | null>(null);
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const take = (h1: HTMLElement) => {
      if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
      // A dialog opened meanwhile keeps its focus.
      if (!document.activeElement?.closest('[role="dialog"]')) h1.focus();
      setHeading({ routeKey, text: h1.textContent?.trim() ?? '' });
    };
    const found = root.querySelector<HTMLElement>('h1');
    if (found) {
      take(found);
      return;
    }
    const observer = new MutationObserver(() => {
      const h1 = root.querySelector<HTMLElement>('h1');
      if (!h1) return;
      observer.disconnect();
      take(h1);
    });
    observer.observe(root, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), WAIT_FOR_HEADING_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [container, routeKey]);
  return heading?.routeKey === routeKey ? heading.text : null;
}

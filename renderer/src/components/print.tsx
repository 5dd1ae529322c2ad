import GlobalStyles from '@mui/material/GlobalStyles';
import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** Left out of every printout: the app bar, banners, buttons. */
export const NO_PRINT = 'skm-no-print';
const SHEET = 'skm-print-sheet';
const WITH_SHEET = 'skm-with-print-sheet';

/**
 * Print CSS for the whole console. A page that is itself the printout (the ceremony record) marks what is not part
 * of it with NO_PRINT. A PrintSheet (the backup shares) replaces everything else while it is mounted: it is hidden
 * on screen and is the only thing printed.
 */
export function PrintStyles() {
  return (
    <GlobalStyles
      styles={{
        [`.${SHEET}`]: { display: 'none' },
        '@media print': {
          [`.${NO_PRINT}`]: { display: 'none !important' },
          [`.${SHEET}`]: { display: 'block' },
          [`body.${WITH_SHEET} > *:not(.${SHEET})`]: { display: 'none !important' },
          body: { background: '#fff !important' },
          'tr, li': { breakInside: 'avoid' },
        },
        '@page': { margin: '16mm' },
      }}
    />
  );
}

/** A print-only view, outside the app's tree (and outside any dialog, which would cut it to one page). */
export function PrintSheet({ children }: { children: ReactNode }) {
  useEffect(() => {
    document.body.classList.add(WITH_SHEET);
    return () => document.body.classList.remove(WITH_SHEET);
  }, []);
  return createPortal(
    <div className={SHEET} aria-hidden>
      {children}
    </div>,
    document.body,
  );
}

import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import './i18n';
import { App } from './App';
import { PrintStyles } from './components/print';
import { usePreferences } from './store/preferences';
import { appTheme, resolveMode } from './theme';

/** True while the page is being printed: paper gets the light theme whatever the screen shows. */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const print = window.matchMedia('print');
    // Synchronously, before the browser lays out the printout.
    const set = (value: boolean) => flushSync(() => setPrinting(value));
    const before = () => set(true);
    const after = () => set(false);
    const change = () => set(print.matches);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    print.addEventListener('change', change);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      print.removeEventListener('change', change);
    };
  }, []);
  return printing;
}

/** The theme follows Settings → Appearance (or the OS), the UI's language, the OS's reduced motion, and printing. */
function Themed() {
  const choice = usePreferences((s) => s.prefs?.theme ?? 'system');
  const osPrefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)', { noSsr: true });
  const printing = usePrinting();
  const language = useTranslation().i18n.language === 'ko' ? 'ko' : 'en';
  const mode = printing ? 'light' : resolveMode(choice, osPrefersDark);
  const theme = useMemo(() => appTheme(mode, language, reducedMotion), [mode, language, reducedMotion]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline enableColorScheme />
      <PrintStyles />
      <App />
    </ThemeProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Themed />
  </StrictMode>,
);

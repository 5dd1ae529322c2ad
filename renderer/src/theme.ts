import { enUS, koKR } from '@mui/material/locale';
import { createTheme, type Theme } from '@mui/material/styles';
import type { ThemeChoice } from '../../shared/domain';
import type { Language } from './i18n';

export type Mode = 'light' | 'dark';

/** What the screen shows: the Settings choice, or the OS's (prefers-color-scheme) when that choice is 'system'. */
export const resolveMode = (choice: ThemeChoice, osPrefersDark: boolean): Mode => (choice === 'system' ? (osPrefersDark ? 'dark' : 'light') : choice);

/**
 * Colours per mode. Dark keeps text at WCAG AA on its surfaces: the accent colours are the light tints MUI's dark
 * palette uses, so chips and contained buttons carry dark text (MUI picks the contrast text). Paper is never dark:
 * main.tsx prints with the light theme.
 */
const PALETTES = {
  light: {
    mode: 'light',
    primary: { main: '#1f4e8c' },
    // MUI's own orange (#ed6c02) is 3.1:1 against white: too faint for the Scheduled to be Deleted chip and buttons.
    warning: { main: '#b35000' },
    // MUI's default green is 4.2:1 on a selected, hovered grid row; this one stays above 4.5:1 everywhere.
    success: { main: '#1b5e20' },
    background: { default: '#f6f7f9', paper: '#ffffff' },
    focus: '#1f4e8c',
  },
  dark: {
    mode: 'dark',
    primary: { main: '#9dbcf0' },
    error: { main: '#f2a7a7' },
    warning: { main: '#ffb74d' },
    success: { main: '#81c784' },
    info: { main: '#81d4fa' },
    background: { default: '#121417', paper: '#1b1e23' },
    // Screens that tint a box with grey.50 / grey.100 (output panels) keep a dark tint rather than a white slab.
    grey: { 50: '#1f2328', 100: '#262a30' },
    focus: '#c3d7f7',
  },
} as const;

/**
 * The console's theme for a mode and language: MUI's own Korean words (pagination, "no options"…) with Korean, and a
 * keyboard focus ring that shows on every control reached by keyboard (`.Mui-focusVisible` / `:focus-visible`) and
 * never on a mouse click.
 */
/** No movement for people who asked their system for less (WCAG 2.3.3): no slides, fades or ripples; spinners stay. */
const STILL = {
  transitions: {
    create: () => 'none',
    duration: { shortest: 0, shorter: 0, short: 0, standard: 0, complex: 0, enteringScreen: 0, leavingScreen: 0 },
  },
};

export function appTheme(mode: Mode, language: Language, reducedMotion = false): Theme {
  const { focus, ...palette } = PALETTES[mode];
  const ring = { outline: `2px solid ${focus}`, outlineOffset: 2 };
  return createTheme(
    {
      ...(reducedMotion ? STILL : {}),
      palette,
      shape: { borderRadius: 6 },
      typography: {
        // Hangul is not in Roboto: name the fonts Korean systems have, before the generic fallback.
        fontFamily: '"Roboto", "Helvetica Neue", Arial, "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif',
      },
      components: {
        MuiButton: { defaultProps: { disableElevation: true } },
        MuiButtonBase: { defaultProps: { disableRipple: reducedMotion }, styleOverrides: { root: { '&.Mui-focusVisible': ring } } },
        // Tabs sit in a scroller that clips what is outside it: draw the ring inside the tab.
        MuiTab: { styleOverrides: { root: { '&.Mui-focusVisible': { ...ring, outlineOffset: -3 } } } },
        MuiLink: { styleOverrides: { root: { '&:focus-visible': ring } } },
        MuiCssBaseline: {
          styleOverrides: {
            // Page headings take focus after navigation (for screen readers and the next Tab); a ring there is noise.
            'h1[tabindex="-1"]:focus': { outline: 'none' },
            // The wrapper a disabled GuardedButton is reached by (so its reason can be read) shows focus too.
            'span[tabindex="0"]:focus-visible': ring,
            // Korean breaks lines between words (eojeol), not inside them ("지워집니|다" reads as a typo).
            'html:lang(ko) body': { wordBreak: 'keep-all', overflowWrap: 'anywhere' },
          },
        },
      },
    },
    language === 'ko' ? koKR : enUS,
  );
}

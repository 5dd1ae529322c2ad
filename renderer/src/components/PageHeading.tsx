import type { SxProps, Theme } from '@mui/material/styles';
import Typography, { type TypographyProps } from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { usePageTitle } from './usePageTitle';

/**
 * A page's h1. After each navigation AppShell moves focus here (tabIndex -1: focusable by script, not a Tab stop;
 * no ring, see theme.ts), so screen readers announce the new page and the next Tab starts from it. `title` sets the
 * document title from the page's own names, most specific first: `title={[key.name, keyStore.name]}` gives
 * "payload-key — ceremony-store — Secure Key Manager". Without it the frame names the page.
 */
export function PageHeading(props: {
  children: ReactNode;
  title?: ReadonlyArray<string | null | undefined | false>;
  variant?: TypographyProps['variant'];
  id?: string;
  sx?: SxProps<Theme>;
}) {
  usePageTitle(props.title ?? []);
  return (
    <Typography variant={props.variant ?? 'h5'} component="h1" tabIndex={-1} {...(props.id ? { id: props.id } : {})} {...(props.sx ? { sx: props.sx } : {})}>
      {props.children}
    </Typography>
  );
}

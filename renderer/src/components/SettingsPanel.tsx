import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';

/**
 * One panel of the Settings page: a section named by its h2 (screen readers list the panels as landmarks), an optional
 * intro in secondary text and an optional action beside the title. `id` lets a link elsewhere lead here; the heading
 * can then take the focus.
 */
export function SettingsPanel({
  title,
  intro,
  action,
  id,
  children,
}: {
  title: string;
  intro?: ReactNode;
  action?: ReactNode;
  id?: string;
  children?: ReactNode;
}) {
  const headingId = useId();
  const heading = (
    <Typography variant="h6" component="h2" id={headingId} tabIndex={id ? -1 : undefined} sx={action ? undefined : { mb: intro ? 1 : 2 }}>
      {title}
    </Typography>
  );
  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-labelledby={headingId} {...(id ? { id } : {})}>
      {action ? (
        <Stack direction="row" alignItems="center" justifyContent="space-between" spacing={2} sx={{ mb: intro ? 1 : 2 }}>
          {heading}
          {action}
        </Stack>
      ) : (
        heading
      )}
      {intro && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {intro}
        </Typography>
      )}
      {children}
    </Paper>
  );
}

import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/** Progress for long work (key generation, certificate issuing), announced to screen readers. */
export function ProgressNote({ label, text }: { label: string; text: string }) {
  return (
    <Stack spacing={1} role="status" aria-live="polite">
      <LinearProgress aria-label={label} />
      <Typography variant="body2" color="text.secondary">
        {text}
      </Typography>
    </Stack>
  );
}

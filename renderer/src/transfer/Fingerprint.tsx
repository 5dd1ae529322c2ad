import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';
import { CopyButton } from '../components/CopyButton';

const BYTES_PER_LINE = 8;

/**
 * A SHA-256 fingerprint set out to be read aloud and compared by two officers: large monospace, eight bytes a line
 * (four lines, the way the other side's screen can be followed), with Copy. The text is the app's usual form
 * (colon-separated hex), unchanged: the lines only break it visually.
 */
export function Fingerprint({ value, title, note, testId }: { value: string; title: string; note?: ReactNode; testId?: string }) {
  const titleId = useId();
  const pairs = value.split(':');
  const lines: string[] = [];
  for (let i = 0; i < pairs.length; i += BYTES_PER_LINE) {
    const end = i + BYTES_PER_LINE >= pairs.length;
    lines.push(pairs.slice(i, i + BYTES_PER_LINE).join(':') + (end ? '' : ':'));
  }
  return (
    <Paper variant="outlined" role="group" aria-labelledby={titleId} sx={{ p: 2, bgcolor: 'action.hover', width: 'fit-content', maxWidth: '100%' }}>
      <Stack direction="row" alignItems="flex-start" justifyContent="space-between" spacing={3}>
        <Box>
          <Typography variant="subtitle2" component="h3" id={titleId} sx={{ mb: 1 }}>
            {title}
          </Typography>
          <Box
            component="code"
            data-testid={testId}
            sx={{ display: 'block', fontFamily: 'monospace', fontSize: '1.15rem', fontWeight: 500, lineHeight: 1.6, letterSpacing: '0.04em' }}
          >
            {lines.map((line, i) => (
              <Box component="span" key={i} sx={{ display: 'block', whiteSpace: 'nowrap' }}>
                {line}
              </Box>
            ))}
          </Box>
        </Box>
        <CopyButton value={value} what={title} />
      </Stack>
      {note && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {note}
        </Typography>
      )}
    </Paper>
  );
}

import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useT } from '../i18n';

/** "Name ____ Signature ____ Date ____", to be filled in by hand; `name` prints the officer's name over its line. */
export function SignatureLine({ name }: { name?: string }) {
  const t = useT();
  const blank = (label: string, value?: string, grow = 1) => (
    <Box sx={{ flex: grow }}>
      <Box sx={{ borderBottom: '1px solid', borderColor: 'text.primary', minHeight: 32, display: 'flex', alignItems: 'flex-end', pb: 0.5 }}>{value}</Box>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
  return (
    <Stack
      direction="row"
      spacing={3}
      sx={{ breakInside: 'avoid' }}
      role="group"
      aria-label={name ? t('Signature line for {{name}}', { name }) : t('Signature line')}
    >
      {blank(t('Name'), name, 2)}
      {blank(t('Signature'), undefined, 2)}
      {blank(t('Date'))}
    </Stack>
  );
}

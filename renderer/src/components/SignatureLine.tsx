import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/** "Name ____ Signature ____ Date ____", to be filled in by hand; `name` prints the officer's name over its line. */
export function SignatureLine({ name }: { name?: string }) {
  const blank = (label: string, value?: string, grow = 1) => (
    <Box sx={{ flex: grow }}>
      <Box sx={{ borderBottom: '1px solid', borderColor: 'text.primary', minHeight: 32, display: 'flex', alignItems: 'flex-end', pb: 0.5 }}>{value}</Box>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
  return (
    <Stack direction="row" spacing={3} sx={{ breakInside: 'avoid' }} role="group" aria-label={name ? `Signature line for ${name}` : 'Signature line'}>
      {blank('Name', name, 2)}
      {blank('Signature', undefined, 2)}
      {blank('Date')}
    </Stack>
  );
}

import AddIcon from '@mui/icons-material/Add';
import RemoveCircleOutline from '@mui/icons-material/RemoveCircleOutline';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { call } from '../api';
import { FormDialog } from '../components/FormDialog';
import { useFormSubmit } from '../components/useFormErrors';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { useCeremonies } from '../store/ceremony';

const MAX_OFFICERS = 20;

/** Start ceremony: a title and the officers present. From now until End ceremony, the audit trail is its record. */
export function StartCeremonyDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [title, setTitle] = useState('');
  // Key ceremonies are witnessed: two rows to begin with, more or fewer as needed.
  const [officers, setOfficers] = useState<Array<{ id: number; name: string }>>([
    { id: 1, name: '' },
    { id: 2, name: '' },
  ]);
  const [nextId, setNextId] = useState(3);
  const legendId = useId();

  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    const started = await call('ceremony.start', { title, officers: officers.map((o) => o.name) });
    useCeremonies.getState().changed(started);
    notify(t('Ceremony "{{title}}" started.', { title: started.title }));
    onClose();
  });

  const add = () => {
    setOfficers((cur) => [...cur, { id: nextId, name: '' }]);
    setNextId((n) => n + 1);
  };
  const officersError = errors.fieldError('officers');

  return (
    <FormDialog title={t('Start ceremony')} submitLabel={t('Start ceremony')} busy={busy} error={errors.general} onSubmit={onSubmit} onClose={onClose}>
      <Typography variant="body2" color="text.secondary">
        {t(
          "From Start ceremony until End ceremony, every action in this vault is part of the ceremony's record: the officers present check it, print it and sign it.",
        )}
      </Typography>
      <TextField
        label={t('Title')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        autoFocus
        disabled={busy}
        {...errors.fieldProps('title', t('What the ceremony is for, e.g. "Payments root key generation".'))}
      />
      <Stack spacing={1.5} component="fieldset" aria-labelledby={legendId} sx={{ border: 0, p: 0, m: 0 }}>
        <Typography component="legend" id={legendId} variant="subtitle2" sx={{ mb: 1 }}>
          {t('Officers present')}
        </Typography>
        {officersError && (
          <FormHelperText error role="alert">
            {officersError}
          </FormHelperText>
        )}
        {officers.map((o, i) => (
          <Stack key={o.id} direction="row" spacing={1} alignItems="flex-start">
            <TextField
              label={t('Officer {{n}} name', { n: i + 1 })}
              value={o.name}
              onChange={(e) => setOfficers((cur) => cur.map((x) => (x.id === o.id ? { ...x, name: e.target.value } : x)))}
              required
              fullWidth
              disabled={busy}
              error={!!errors.fieldError(`officers.${i}`)}
              helperText={errors.fieldError(`officers.${i}`)}
            />
            <IconButton
              aria-label={o.name.trim() ? t('Remove officer {{n}} ({{name}})', { n: i + 1, name: o.name.trim() }) : t('Remove officer {{n}}', { n: i + 1 })}
              onClick={() => setOfficers((cur) => cur.filter((x) => x.id !== o.id))}
              disabled={busy || officers.length === 1}
              sx={{ mt: 1 }}
            >
              <RemoveCircleOutline />
            </IconButton>
          </Stack>
        ))}
        <div>
          <Button startIcon={<AddIcon />} onClick={add} disabled={busy || officers.length >= MAX_OFFICERS}>
            {t('Add officer')}
          </Button>
        </div>
      </Stack>
    </FormDialog>
  );
}

import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { FormDialog } from '../components/FormDialog';
import { MAX_CERTIFICATE_YEARS, MIN_CERTIFICATE_PASSWORD_LENGTH, type AuthEntryView } from '../../../shared/domain';
import { useChange } from '../approval/ChangeSink';
import { ProgressNote } from '../components/ProgressNote';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';
import { useT } from '../i18n';
import { notify } from '../store/notify';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Add Certificates: issues a client certificate from the key store's CA, kept as a password-protected .p12. */
export function AddCertificateDialog({ keyStoreId, onClose }: { keyStoreId: string; onClose: (created?: AuthEntryView) => void }) {
  const t = useT();
  const today = new Date();
  const nextYear = new Date(today);
  nextYear.setUTCFullYear(today.getUTCFullYear() + 1);
  const [form, setForm] = useState({ name: '', password: '', confirmPassword: '', description: '', validFrom: isoDay(today), validTo: isoDay(nextYear) });
  const change = useChange();
  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () => {
    const created = await change('auth.addCertificate', { keyStoreId, ...form });
    if (created) notify(t('Certificate "{{name}}" issued.', { name: created.name }));
    onClose(created);
  });
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
    error: !!errors.fieldError(name),
    disabled: busy,
  });

  return (
    <FormDialog title={t('Add Certificates')} submitLabel={t('Add')} busy={busy} error={errors.general} onSubmit={submit} onClose={() => onClose()}>
      <TextField label={t('Name')} required autoFocus {...field('name')} helperText={errors.fieldError('name') ?? t('Becomes the certificate subject (CN).')} />
      <SecretField
        label={t('Password')}
        required
        {...field('password')}
        helperText={
          errors.fieldError('password') ??
          t('Protects the downloaded .p12 file. At least {{min}} characters; it is not stored.', { min: MIN_CERTIFICATE_PASSWORD_LENGTH })
        }
      />
      <SecretField label={t('Confirm password')} required {...field('confirmPassword')} helperText={errors.fieldError('confirmPassword')} />
      <TextField label={t('Description')} {...field('description')} helperText={errors.fieldError('description')} />
      <Stack direction="row" spacing={2}>
        <TextField
          label={t('Valid from')}
          type="date"
          required
          fullWidth
          {...field('validFrom')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: isoDay(today) } }}
          helperText={errors.fieldError('validFrom') ?? t('Today (UTC) or later.')}
        />
        <TextField
          label={t('Valid to')}
          type="date"
          required
          fullWidth
          {...field('validTo')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: form.validFrom } }}
          helperText={
            errors.fieldError('validTo') ??
            t("At most {{years}} years after valid from, and within the key store CA's validity.", { years: MAX_CERTIFICATE_YEARS })
          }
        />
      </Stack>
      {busy && (
        <ProgressNote
          label={t('Issuing certificate')}
          text={t(
            "Issuing the certificate and protecting its .p12 with your password… This takes a few seconds (longer the first time, when the key store's CA is created).",
          )}
        />
      )}
    </FormDialog>
  );
}

import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useId, useState, type ReactNode } from 'react';
import type { AuthEntryView } from '../../../shared/domain';
import { useChange, useStaging } from '../approval/ChangeSink';
import { CopyableCode } from '../components/CopyButton';
import { DetailList } from '../components/DetailList';
import { GuardedButton } from '../components/GuardedButton';
import { LifecycleActions } from '../components/LifecycleActions';
import { StatusChip } from '../components/StatusChip';
import { formatDate } from '../format';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { AUTH_KIND_TEXT } from './kinds';

/** Detail of one IPv4 address, MAC address or certificate, with its lifecycle actions and Download. */
export function AuthEntryDialog(props: {
  entry: AuthEntryView;
  onChanged: (view: AuthEntryView) => void;
  onDeleted: (id: string) => void;
  onDownload: (entry: AuthEntryView) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT();
  const { entry } = props;
  const text = AUTH_KIND_TEXT[entry.kind];
  const noun = t(text.noun);
  const [error, setError] = useState<string | null>(null);
  const change = useChange();
  const staging = useStaging();
  const titleId = useId();
  const changed = (view: AuthEntryView | undefined, words: (view: AuthEntryView) => string) => {
    if (!view) return;
    props.onChanged(view);
    notify(words(view));
  };
  const cert = entry.certificate;
  const items: Array<[string, ReactNode]> = [
    [entry.kind === 'certificate' ? t('Name') : t(text.field), entry.name],
    [t('Description'), entry.description || '—'],
    [t('Status'), <StatusChip key="s" status={entry.status} expired={cert?.expired} />],
    [t('Created'), formatDate(entry.createdAt)],
    [t('Deletion date'), formatDate(entry.deletionDate)],
  ];
  if (cert) {
    items.push(
      [t('Valid from'), formatDate(cert.validFrom)],
      [t('Valid to'), formatDate(cert.validTo)],
      [t('Serial'), <code key="sn">{cert.serial}</code>],
      [t('SHA-256 fingerprint'), <CopyableCode key="fp" value={cert.fingerprint} what={t('SHA-256 fingerprint')} />],
    );
  }
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{entry.name}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {entry.status === 'scheduled-for-deletion' && (
            <Alert severity="warning">{t('Scheduled to be Deleted on {{date}}.', { date: formatDate(entry.deletionDate) })}</Alert>
          )}
          <DetailList items={items} />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        {cert && entry.status === 'in-service' && (
          <GuardedButton permission="use" startIcon={<DownloadIcon />} onClick={() => props.onDownload(entry).catch((e: Error) => setError(e.message))}>
            {t('Download')}
          </GuardedButton>
        )}
        <LifecycleActions
          permission={staging ? 'request' : undefined}
          name={entry.name}
          noun={noun}
          status={entry.status}
          onRequest={async () =>
            changed(await change('auth.requestDeletion', { id: entry.id }), (v) =>
              t('Deletion of "{{name}}" requested: it will be deleted for good on {{date}}.', { name: v.name, date: formatDate(v.deletionDate) }),
            )
          }
          onCancel={async () =>
            changed(await change('auth.cancelDeletion', { id: entry.id }), (v) =>
              t('Deletion of "{{name}}" cancelled: it is In Service again.', { name: v.name }),
            )
          }
          onDeleteNow={async (typed) => {
            await change('auth.deleteNow', { id: entry.id, confirmName: typed });
            if (!staging) notify(t('"{{name}}" deleted.', { name: entry.name }));
            props.onDeleted(entry.id);
          }}
          deleteConsequence={
            entry.kind === 'certificate'
              ? t('The certificate "{{name}}" is deleted now, for good. Its .p12 can no longer be downloaded.', { name: entry.name })
              : t('The {{noun}} "{{name}}" is deleted now, for good.', { noun, name: entry.name })
          }
        />
        <Button onClick={props.onClose}>{t('Close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

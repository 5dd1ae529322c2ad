import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { AuthEntryView } from '../../../shared/domain';
import { useChange, useStaging } from '../approval/ChangeSink';
import { DetailList } from '../components/DetailList';
import { GuardedButton } from '../components/GuardedButton';
import { LifecycleActions } from '../components/LifecycleActions';
import { StatusChip } from '../components/StatusChip';
import { formatDate } from '../format';
import { AUTH_KIND_TEXT } from './kinds';

/** Detail of one IPv4 address, MAC address or certificate, with its lifecycle actions and Download. */
export function AuthEntryDialog(props: {
  entry: AuthEntryView;
  onChanged: (view: AuthEntryView) => void;
  onDeleted: (id: string) => void;
  onDownload: (entry: AuthEntryView) => Promise<void>;
  onClose: () => void;
}) {
  const { entry } = props;
  const text = AUTH_KIND_TEXT[entry.kind];
  const [error, setError] = useState<string | null>(null);
  const change = useChange();
  const staging = useStaging();
  const changed = (view: AuthEntryView | undefined) => view && props.onChanged(view);
  const cert = entry.certificate;
  const items: Array<[string, React.ReactNode]> = [
    [entry.kind === 'certificate' ? 'Name' : text.field, entry.name],
    ['Description', entry.description || '—'],
    ['Status', <StatusChip key="s" status={entry.status} expired={cert?.expired} />],
    ['Created', formatDate(entry.createdAt)],
    ['Deletion date', formatDate(entry.deletionDate)],
  ];
  if (cert) {
    items.push(
      ['Valid from', formatDate(cert.validFrom)],
      ['Valid to', formatDate(cert.validTo)],
      ['Serial', <code key="sn">{cert.serial}</code>],
      ['SHA-256 fingerprint', <code key="fp">{cert.fingerprint}</code>],
    );
  }
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md" aria-labelledby="auth-entry-title">
      <DialogTitle id="auth-entry-title">{entry.name}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {entry.status === 'scheduled-for-deletion' && <Alert severity="warning">Scheduled to be Deleted on {formatDate(entry.deletionDate)}.</Alert>}
          <DetailList items={items} />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        {cert && entry.status === 'in-service' && (
          <GuardedButton permission="use" startIcon={<DownloadIcon />} onClick={() => props.onDownload(entry).catch((e: Error) => setError(e.message))}>
            Download
          </GuardedButton>
        )}
        <LifecycleActions
          permission={staging ? 'request' : undefined}
          name={entry.name}
          noun={text.noun}
          status={entry.status}
          onRequest={async () => changed(await change('auth.requestDeletion', { id: entry.id }))}
          onCancel={async () => changed(await change('auth.cancelDeletion', { id: entry.id }))}
          onDeleteNow={async (typed) => {
            await change('auth.deleteNow', { id: entry.id, confirmName: typed });
            props.onDeleted(entry.id);
          }}
          deleteConsequence={`The ${text.noun} "${entry.name}" is deleted now, for good.${entry.kind === 'certificate' ? ' Its .p12 can no longer be downloaded.' : ''}`}
        />
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

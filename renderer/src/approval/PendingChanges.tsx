import SendIcon from '@mui/icons-material/Send';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { ActionsHeadCell } from '../components/ActionsHeadCell';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ApprovalRequestView, StagedChangeView } from '../../../shared/approval';
import { call } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FormDialog } from '../components/FormDialog';
import { useFormSubmit } from '../components/useFormErrors';
import { formatDate } from '../format';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { ChangeCells } from './FieldChanges';
import { itemKindText, itemNameText } from './labels';

/** The staged changes of one bucket, each with its Status and Discard, and Request Approval for them all. */
export function PendingChanges(props: {
  keyStoreId: string | null;
  /** The key store's name, or null for the bucket of key stores still to be added. */
  storeName: string | null;
  staged: StagedChangeView[];
  onDiscarded: () => void;
  onRequested: (request: ApprovalRequestView) => void;
}) {
  const t = useT();
  const [discarding, setDiscarding] = useState<StagedChangeView | null>(null);
  const [requesting, setRequesting] = useState(false);
  const { staged } = props;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="pending-changes-title">
      <Stack direction="row" alignItems="center" spacing={2} sx={{ mb: 1 }}>
        <Typography variant="h6" component="h2" id="pending-changes-title">
          {t('Pending changes ({{n}})', { n: staged.length })}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="contained" startIcon={<SendIcon />} disabled={staged.length === 0} onClick={() => setRequesting(true)}>
          {t('Request Approval')}
        </Button>
      </Stack>
      {staged.length === 0 ? (
        <Typography color="text.secondary">
          {props.storeName === null
            ? t('No pending changes for new key stores. Add Key Store stages a new key store here.')
            : t(
                'No pending changes for the key store "{{name}}". Add, modify or delete keys and authentication information below: each change waits here, with its Status, until you Request Approval.',
                { name: props.storeName },
              )}
        </Typography>
      ) : (
        <Table size="small" aria-label={t('Pending changes')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('Status')}</TableCell>
              <TableCell>{t('Item')}</TableCell>
              <TableCell>{t('Change')}</TableCell>
              <TableCell>{t('Staged')}</TableCell>
              <ActionsHeadCell align="right" />
            </TableRow>
          </TableHead>
          <TableBody>
            {staged.map((c) => (
              <TableRow key={c.id}>
                <ChangeCells change={c} />
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(c.stagedAt)}</TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    color="inherit"
                    onClick={() => setDiscarding(c)}
                    aria-label={t('Discard {{status}}: {{name}}', { status: t(c.status), name: itemNameText(c) })}
                  >
                    {t('Discard')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {discarding && (
        <ConfirmDialog
          title={t('Discard change')}
          confirmLabel={t('Discard')}
          destructive
          onClose={() => setDiscarding(null)}
          onConfirm={async () => {
            await call('staging.discard', { stagedId: discarding.id });
            notify(t('Change discarded.'));
            props.onDiscarded();
          }}
        >
          {t('The pending change "{{status}}: {{kind}} {{name}}" is dropped. Nothing was applied, so nothing else changes.', {
            status: t(discarding.status),
            kind: itemKindText(discarding.itemKind),
            name: itemNameText(discarding),
          })}
        </ConfirmDialog>
      )}
      {requesting && (
        <RequestApprovalDialog
          keyStoreId={props.keyStoreId}
          storeName={props.storeName}
          count={staged.length}
          onClose={(request) => {
            setRequesting(false);
            if (request) props.onRequested(request);
          }}
        />
      )}
    </Paper>
  );
}

function RequestApprovalDialog(props: {
  keyStoreId: string | null;
  storeName: string | null;
  count: number;
  onClose: (request?: ApprovalRequestView) => void;
}) {
  const t = useT();
  const [comment, setComment] = useState('');
  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    const request = await call('approvals.request', { keyStoreId: props.keyStoreId, comment });
    notify(t('Approval requested.'));
    props.onClose(request);
  });
  const { count, storeName } = props;
  const what =
    storeName === null
      ? count === 1
        ? t('The pending change of new key stores goes to the Approval List as one request.')
        : t('The {{n}} pending changes of new key stores go to the Approval List as one request.', { n: count })
      : count === 1
        ? t('The pending change of the key store "{{name}}" goes to the Approval List as one request.', { name: storeName })
        : t('The {{n}} pending changes of the key store "{{name}}" go to the Approval List as one request.', { n: count, name: storeName });
  return (
    <FormDialog
      title={t('Request Approval')}
      submitLabel={t('Request Approval')}
      busy={busy}
      error={errors.general}
      onSubmit={onSubmit}
      onClose={() => props.onClose()}
    >
      <Alert severity="info">
        {what} {t('An APPROVAL ADMIN other than you approves or denies it; approval applies all of its changes at once, or none.')}
      </Alert>
      <TextField
        label={t('Comment')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        multiline
        minRows={2}
        autoFocus
        {...errors.fieldProps('comment', t('Optional: why these changes are needed, for the approver.'))}
      />
    </FormDialog>
  );
}

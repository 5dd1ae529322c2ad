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
import { ChangeCells } from './FieldChanges';

/** The staged changes of one bucket, each with its Status and Discard, and Request Approval for them all. */
export function PendingChanges(props: {
  keyStoreId: string | null;
  bucketName: string;
  staged: StagedChangeView[];
  onDiscarded: () => void;
  onRequested: (request: ApprovalRequestView) => void;
}) {
  const [discarding, setDiscarding] = useState<StagedChangeView | null>(null);
  const [requesting, setRequesting] = useState(false);
  const { staged } = props;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="pending-changes-title">
      <Stack direction="row" alignItems="center" spacing={2} sx={{ mb: 1 }}>
        <Typography variant="h6" component="h2" id="pending-changes-title">
          Pending changes ({staged.length})
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="contained" startIcon={<SendIcon />} disabled={staged.length === 0} onClick={() => setRequesting(true)}>
          Request Approval
        </Button>
      </Stack>
      {staged.length === 0 ? (
        <Typography color="text.secondary">
          No pending changes for {props.bucketName}.{' '}
          {props.keyStoreId === null
            ? 'Add Key Store stages a new key store here.'
            : 'Add, modify or delete keys and authentication information below: each change waits here, with its Status, until you Request Approval.'}
        </Typography>
      ) : (
        <Table size="small" aria-label="Pending changes">
          <TableHead>
            <TableRow>
              <TableCell>Status</TableCell>
              <TableCell>Item</TableCell>
              <TableCell>Change</TableCell>
              <TableCell>Staged</TableCell>
              <ActionsHeadCell align="right" />
            </TableRow>
          </TableHead>
          <TableBody>
            {staged.map((c) => (
              <TableRow key={c.id}>
                <ChangeCells change={c} />
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(c.stagedAt)}</TableCell>
                <TableCell align="right">
                  <Button size="small" color="inherit" onClick={() => setDiscarding(c)} aria-label={`Discard ${c.status}: ${c.itemName}`}>
                    Discard
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {discarding && (
        <ConfirmDialog
          title="Discard change"
          confirmLabel="Discard"
          destructive
          onClose={() => setDiscarding(null)}
          onConfirm={async () => {
            await call('staging.discard', { stagedId: discarding.id });
            props.onDiscarded();
          }}
        >
          The pending change "{discarding.status}: {discarding.itemKind} {discarding.itemName}" is dropped. Nothing was applied, so nothing else changes.
        </ConfirmDialog>
      )}
      {requesting && (
        <RequestApprovalDialog
          keyStoreId={props.keyStoreId}
          bucketName={props.bucketName}
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

function RequestApprovalDialog(props: { keyStoreId: string | null; bucketName: string; count: number; onClose: (request?: ApprovalRequestView) => void }) {
  const [comment, setComment] = useState('');
  const { errors, busy, onSubmit } = useFormSubmit(async () => props.onClose(await call('approvals.request', { keyStoreId: props.keyStoreId, comment })));
  return (
    <FormDialog title="Request Approval" submitLabel="Request Approval" busy={busy} error={errors.general} onSubmit={onSubmit} onClose={() => props.onClose()}>
      <Alert severity="info">
        The {props.count === 1 ? 'pending change' : `${props.count} pending changes`} of {props.bucketName} go to the Approval List as one request. An APPROVAL
        ADMIN other than you approves or denies it; approval applies all of them at once, or none.
      </Alert>
      <TextField
        label="Comment"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        multiline
        minRows={2}
        autoFocus
        error={!!errors.fieldError('comment')}
        helperText={errors.fieldError('comment') ?? 'Optional: why these changes are needed, for the approver.'}
      />
    </FormDialog>
  );
}

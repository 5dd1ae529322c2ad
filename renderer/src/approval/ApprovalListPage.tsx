import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ActionsHeadCell } from '../components/ActionsHeadCell';
import { useState } from 'react';
import { call } from '../api';
import { EmptyState } from '../components/EmptyState';
import { PageHeading } from '../components/PageHeading';
import { formatDate } from '../format';
import { useT } from '../i18n';
import { useSession } from '../store/session';
import { RequestStatusChip, requestStoreName } from './labels';
import { RequestDetailDialog } from './RequestDetailDialog';
import { useLoaded } from '../components/useLoaded';

/** Stable across renders, so the list loads once when the screen opens. */
const listFetch = () => call('approvals.list');

/** Approval List: every request, newest first, with its detail (changes, history) and the decisions. */
export function ApprovalListPage() {
  const t = useT();
  const navigate = useSession((s) => s.navigate);
  const [openId, setOpenId] = useState<string | null>(null);

  const { value: items, error, reload: load } = useLoaded(listFetch);

  const open = items?.find((r) => r.id === openId) ?? null;
  return (
    <Stack spacing={2}>
      <PageHeading>{t('Approval List')}</PageHeading>
      <Typography color="text.secondary">
        {t(
          'Every request for approval, newest first. Open one to see its changes and history; an APPROVAL ADMIN other than the requester can Approve or Deny it.',
        )}
      </Typography>
      {error && <Alert severity="error">{error}</Alert>}
      {!items && !error && <LinearProgress aria-label={t('Loading approval requests')} />}
      {items && items.length === 0 && (
        <EmptyState
          icon={<FactCheckOutlined />}
          title={t('No requests yet')}
          action={
            <Button variant="contained" onClick={() => navigate({ name: 'staging' })}>
              {t('Go to Key Store Management')}
            </Button>
          }
        >
          {t('Requests appear here when a member stages changes in Key Store Management and sends them with Request Approval.')}
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table aria-label={t('Approval requests')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('Requested')}</TableCell>
                <TableCell>{t('Requester')}</TableCell>
                <TableCell>{t('Key store')}</TableCell>
                <TableCell align="right">{t('Changes')}</TableCell>
                <TableCell>{t('Status')}</TableCell>
                <TableCell>{t('Decided by')}</TableCell>
                <TableCell>{t('Decided at')}</TableCell>
                <ActionsHeadCell label={t('Details')} />
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((r) => (
                <TableRow key={r.id} hover selected={r.id === openId}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(r.createdAt)}</TableCell>
                  <TableCell>{r.requester.username}</TableCell>
                  <TableCell sx={{ fontWeight: 500 }}>{requestStoreName(r)}</TableCell>
                  <TableCell align="right">{r.changes.length}</TableCell>
                  <TableCell>
                    <RequestStatusChip status={r.status} />
                  </TableCell>
                  <TableCell>{r.decidedBy?.username ?? '—'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(r.decidedAt)}</TableCell>
                  <TableCell align="right">
                    <Button
                      size="small"
                      onClick={() => setOpenId(r.id)}
                      aria-label={t('Details of the request by {{requester}} for {{keyStore}}, {{date}}', {
                        requester: r.requester.username,
                        keyStore: requestStoreName(r),
                        date: formatDate(r.createdAt),
                      })}
                    >
                      {t('Details')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {open && <RequestDetailDialog request={open} onChanged={load} onClose={() => setOpenId(null)} />}
    </Stack>
  );
}

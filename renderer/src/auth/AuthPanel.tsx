import AddIcon from '@mui/icons-material/Add';
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedUserOutlined from '@mui/icons-material/VerifiedUserOutlined';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuthEntryView, AuthKind, SaveResult } from '../../../shared/domain';
import { call, errorMessage } from '../api';
import { useChange } from '../approval/ChangeSink';
import { EmptyState } from '../components/EmptyState';
import { GuardedButton, GuardedIconButton } from '../components/GuardedButton';
import { buttonColumn, dateColumn, nameColumn, statusColumn, textColumn } from '../components/grid/columns';
import { ListGrid, type ListColumn } from '../components/grid/ListGrid';
import { RowLifecycleButton, useLifecycleBatch, type BatchAction } from '../components/grid/lifecycleBatch';
import { useCan } from '../components/useCan';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { upsertById } from '../store/upsert';
import { AddAddressDialog } from './AddAddressDialog';
import { AddCertificateDialog } from './AddCertificateDialog';
import { AuthEntryDialog } from './AuthEntryDialog';
import { deliver } from './deliver';
import { AUTH_KIND_TEXT } from './kinds';

const entryName = (e: AuthEntryView) => e.name;

/** IPv4 Address Management, MAC Address Management or Certificate Management of one key store. */
export function AuthPanel({ keyStoreId, kind }: { keyStoreId: string; kind: AuthKind }) {
  const t = useT();
  const text = AUTH_KIND_TEXT[kind];
  const change = useChange();
  const canChange = useCan('change').allowed;
  const canUse = useCan('use').allowed;
  const [items, setItems] = useState<AuthEntryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  const load = useCallback(() => {
    call('auth.list', { keyStoreId, kind }).then(setItems, (err) => setError(errorMessage(err)));
  }, [keyStoreId, kind]);
  useEffect(() => {
    load();
    return window.skm.on('data.changed', ({ scope }) => scope === 'auth' && load());
  }, [load]);

  const put = useCallback((view: AuthEntryView) => setItems((cur) => upsertById(cur, view)), []);
  const putMany = useCallback((views: AuthEntryView[]) => setItems((cur) => views.reduce<AuthEntryView[] | null>((list, v) => upsertById(list, v), cur)), []);
  const delivered = useCallback(
    (result: SaveResult) => {
      deliver(result);
      if (result.status === 'saved') notify(t('Saved to {{path}}', { path: result.path }));
    },
    [t],
  );
  const download = useCallback(async (entry: AuthEntryView) => delivered(await call('auth.downloadCertificate', { id: entry.id })), [delivered]);
  const downloadFromRow = useCallback((entry: AuthEntryView) => download(entry).catch((err) => setError(errorMessage(err))), [download]);
  const downloadCa = () => call('auth.downloadCaCertificate', { keyStoreId }).then(delivered, (err) => setError(errorMessage(err)));
  const downloadCrl = () => call('auth.downloadCrl', { keyStoreId }).then(delivered, (err) => setError(errorMessage(err)));

  const batch = useLifecycleBatch<AuthEntryView>({
    nouns: { one: t(text.noun), many: t(text.nouns) },
    run: (action: BatchAction, e) => change(action === 'request' ? 'auth.requestDeletion' : 'auth.cancelDeletion', { id: e.id }),
    onChanged: putMany,
  });
  const { start } = batch;

  const isCert = kind === 'certificate';
  const columns = useMemo<ListColumn<AuthEntryView>[]>(() => {
    const expired = (e: AuthEntryView) => e.certificate?.expired ?? false;
    const list: ListColumn<AuthEntryView>[] = [
      nameColumn<AuthEntryView>(isCert ? t('Name') : t(text.field), (e) => setOpenId(e.id), { monospace: !isCert, minWidth: isCert ? 150 : 170, flex: 1 }),
      textColumn<AuthEntryView>('description', t('Description'), (e) => e.description, isCert ? { narrow: 'hide' } : {}),
      statusColumn<AuthEntryView>(t('Status'), isCert ? expired : undefined),
    ];
    if (isCert) {
      list.push(
        dateColumn<AuthEntryView>('validFrom', t('Valid from'), (e) => e.certificate?.validFrom ?? null),
        dateColumn<AuthEntryView>('validTo', t('Valid to'), (e) => e.certificate?.validTo ?? null),
        {
          field: 'serial',
          headerName: t('Serial'),
          width: 150,
          narrow: 'hide',
          valueGetter: (_v, e) => e.certificate?.serial ?? '',
          renderCell: ({ value }) => <code>{String(value).slice(0, 12)}…</code>,
        },
        {
          field: 'fingerprint',
          headerName: t('SHA-256 fingerprint'),
          width: 190,
          narrow: 'hide',
          valueGetter: (_v, e) => e.certificate?.fingerprint ?? '',
          renderCell: ({ value }) => (
            <Tooltip title={String(value)}>
              <code>{String(value).slice(0, 17)}…</code>
            </Tooltip>
          ),
        },
      );
    }
    list.push(dateColumn<AuthEntryView>('createdAt', t('Created'), (e) => e.createdAt, isCert ? { narrow: 'hide' } : {}));
    if (isCert && canUse) {
      list.push(
        buttonColumn<AuthEntryView>('download', t('Download'), (e, tabIndex) => (
          <GuardedIconButton
            permission="use"
            size="small"
            aria-label={t('Download {{name}}', { name: e.name })}
            title={t('Download {{name}}', { name: e.name })}
            tabIndex={tabIndex}
            disabled={e.status !== 'in-service'}
            onClick={() => downloadFromRow(e)}
          >
            <DownloadIcon fontSize="small" />
          </GuardedIconButton>
        )),
      );
    }
    if (canChange) {
      list.push(
        buttonColumn<AuthEntryView>('lifecycle', t('Request for Deletion or Cancel Deletion'), (e, tabIndex) => (
          <RowLifecycleButton row={e} tabIndex={tabIndex} onStart={start} />
        )),
      );
    }
    return list;
  }, [t, text, isCert, canUse, canChange, start, downloadFromRow]);

  const open = items?.find((e) => e.id === openId);

  const actions = (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" justifyContent="flex-end">
      {isCert && (
        <GuardedButton permission="use" variant="outlined" startIcon={<DownloadIcon />} onClick={downloadCa}>
          {t('Download CA certificate')}
        </GuardedButton>
      )}
      {isCert && (
        <GuardedButton permission="use" variant="outlined" startIcon={<DownloadIcon />} onClick={downloadCrl}>
          {t('Download CRL')}
        </GuardedButton>
      )}
      <GuardedButton permission="change" variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
        {t(text.add)}
      </GuardedButton>
    </Stack>
  );

  return (
    <Stack spacing={2}>
      {error && (
        <Alert severity="error" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {!items && !error && <LinearProgress aria-label={t('Loading {{list}}', { list: t(text.tab) })} />}
      {items && items.length === 0 && (
        <EmptyState icon={<VerifiedUserOutlined />} title={t(text.none)} action={actions}>
          {t(text.empty)}
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <>
          <Stack direction="row" justifyContent="flex-end">
            {actions}
          </Stack>
          {batch.element}
          <ListGrid<AuthEntryView>
            label={t(text.tab)}
            rows={items}
            columns={columns}
            rowName={entryName}
            searchLabel={t(text.search)}
            noMatch={t(text.noMatch)}
            {...(canChange ? { bulkActions: batch.bulkButtons } : {})}
          />
        </>
      )}
      {adding && kind !== 'certificate' && <AddAddressDialog keyStoreId={keyStoreId} kind={kind} onAdded={put} onClose={() => setAdding(false)} />}
      {adding && kind === 'certificate' && (
        <AddCertificateDialog
          keyStoreId={keyStoreId}
          onClose={(v) => {
            setAdding(false);
            if (v) put(v);
          }}
        />
      )}
      {open && (
        <AuthEntryDialog
          entry={open}
          onChanged={put}
          onDeleted={(id) => {
            setOpenId(null);
            setItems((cur) => cur?.filter((e) => e.id !== id) ?? null);
          }}
          onDownload={download}
          onClose={() => setOpenId(null)}
        />
      )}
    </Stack>
  );
}

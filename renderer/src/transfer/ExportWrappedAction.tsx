import DownloadIcon from '@mui/icons-material/Download';
import IosShareOutlined from '@mui/icons-material/IosShareOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { visuallyHidden } from '@mui/utils';
import { useId, useState } from 'react';
import type { KeyView } from '../../../shared/domain';
import { call, errorMessage } from '../api';
import { deliver } from '../auth/deliver';
import { DetailList } from '../components/DetailList';
import { GuardedButton } from '../components/GuardedButton';
import { useT } from '../i18n';
import { OutputField } from '../keys/OutputField';
import { notify } from '../store/notify';
import { destinationLabel } from './destinations';
import { ExportWrappedDialog, type ExportedWrapped } from './ExportWrappedDialog';

/** Why Export wrapped cannot be used on this key now (English words, shown through t()); null when it can. */
function unavailable(key: KeyView): string | null {
  if (!key.allowExport) return 'Turn on Allow export (under Detail Key Information) to export this key wrapped.';
  if (key.status === 'scheduled-for-deletion') return 'This key is Scheduled to be Deleted, so it cannot be exported. Cancel Deletion to export it.';
  return null;
}

/**
 * Export wrapped on Detail Key Information: the button (disabled, with the reason, while Allow export is off), the
 * form, and what the export made. Only keys with material: Confidential Data has no key to wrap.
 */
export function ExportWrappedAction({ keyView }: { keyView: KeyView }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [made, setMade] = useState<ExportedWrapped | null>(null);
  const reasonId = useId();
  if (keyView.type === 'confidential') return null;
  const reason = unavailable(keyView);

  const button = (
    <GuardedButton
      permission="use"
      variant="outlined"
      startIcon={<IosShareOutlined />}
      disabled={!!reason}
      aria-describedby={reason ? reasonId : undefined}
      onClick={() => setOpen(true)}
    >
      {t('Export wrapped')}
    </GuardedButton>
  );
  return (
    <>
      {reason ? (
        <Tooltip title={t(reason)} describeChild>
          {/* A disabled button takes no focus or hover: the wrapper does, so the reason can be read. */}
          <Box component="span" tabIndex={0} sx={{ display: 'inline-flex' }}>
            {button}
            <Box component="span" id={reasonId} sx={visuallyHidden}>
              {t(reason)}
            </Box>
          </Box>
        </Tooltip>
      ) : (
        button
      )}
      {open && (
        <ExportWrappedDialog
          keyView={keyView}
          onClose={() => setOpen(false)}
          onExported={(m) => {
            setOpen(false);
            setMade(m);
            notify(
              m.savedTo
                ? t('"{{name}}" version {{version}} wrapped for {{destination}}, saved to {{path}}.', {
                    name: keyView.name,
                    version: m.version,
                    destination: destinationLabel(m.destination),
                    path: m.savedTo,
                  })
                : t('"{{name}}" version {{version}} wrapped for {{destination}}: {{file}}.', {
                    name: keyView.name,
                    version: m.version,
                    destination: destinationLabel(m.destination),
                    file: m.fileName,
                  }),
            );
          }}
        />
      )}
      {made && <ExportedDialog keyView={keyView} made={made} onClose={() => setMade(null)} />}
    </>
  );
}

/** After an export: which files were made, for which wrapping key, and the import command to run at the destination. */
function ExportedDialog({ keyView, made, onClose }: { keyView: KeyView; made: ExportedWrapped; onClose: () => void }) {
  const t = useT();
  const titleId = useId();
  const [problem, setProblem] = useState<string | null>(made.commandProblem);
  const [busy, setBusy] = useState(false);
  const downloadCommand = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const saved = await call('transfer.downloadImportCommand', made.input);
      deliver(saved);
      if (saved.status === 'saved') notify(t('Saved to {{path}}', { path: saved.path }));
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('Exported wrapped')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Alert severity="success">
            {t(
              '"{{name}}" version {{version}} is wrapped for {{destination}}. Move both files to where the destination’s command line runs, and run the command.',
              {
                name: keyView.name,
                version: made.version,
                destination: destinationLabel(made.destination),
              },
            )}
          </Alert>
          <DetailList
            items={[
              [t('Wrapped key file'), made.savedTo ? t('{{file}}, saved to {{path}}', { file: made.fileName, path: made.savedTo }) : made.fileName],
              [
                t('Import command file'),
                made.commandSavedTo ? t('{{file}}, saved to {{path}}', { file: made.command.fileName, path: made.commandSavedTo }) : made.command.fileName,
              ],
              [t('Wrapped for the wrapping key'), <code key="f">{made.wrappingKeyFingerprint}</code>],
            ]}
          />
          {problem && <Alert severity="warning">{problem}</Alert>}
          <OutputField label={t('Import command')} value={made.command.text} />
          <Typography variant="body2" color="text.secondary">
            {t('Words in <CAPITALS> are placeholders for what only you know (an account, a region, a file). The command file holds no secret.')}
          </Typography>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button startIcon={<DownloadIcon />} onClick={() => void downloadCommand()} disabled={busy}>
          {t('Download the import command')}
        </Button>
        <Button variant="contained" onClick={onClose}>
          {t('Close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

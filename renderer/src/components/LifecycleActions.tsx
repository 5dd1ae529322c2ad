import DeleteForeverOutlined from '@mui/icons-material/DeleteForeverOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import UndoIcon from '@mui/icons-material/Undo';
import { useState, type ReactNode } from 'react';
import type { LifecycleStatus } from '../../../shared/domain';
import type { Permission } from '../../../shared/permissions';
import { useT } from '../i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { GuardedButton } from './GuardedButton';

/**
 * The deletion lifecycle's buttons and confirmations, the same for keys and authentication information:
 * Request for Deletion (In Service), Cancel Deletion and Immediately Delete (Scheduled to be Deleted).
 */
export function LifecycleActions(props: {
  name: string;
  /** What the item is, already translated: t('key'), t('IPv4 address'). */
  noun: string;
  status: LifecycleStatus;
  onRequest: () => Promise<unknown>;
  onCancel: () => Promise<unknown>;
  onDeleteNow: (typedName: string) => Promise<unknown>;
  /** What Immediately Delete destroys, in a sentence. */
  deleteConsequence: string;
  /** More buttons shown while In Service (Immediately Rotate). */
  children?: ReactNode;
  /**
   * What the buttons need (see useCan): 'change' on the key store pages, where the Approval Feature disables them;
   * a staging screen passes 'request', as its buttons stage the change instead of making it.
   */
  permission?: Permission;
}) {
  const t = useT();
  const permission = props.permission ?? 'change';
  const [pending, setPending] = useState<'request' | 'cancel' | 'delete' | null>(null);
  const close = () => setPending(null);
  return (
    <>
      {props.status === 'in-service' ? (
        <>
          {props.children}
          <GuardedButton permission={permission} variant="outlined" color="warning" startIcon={<DeleteOutline />} onClick={() => setPending('request')}>
            {t('Request for Deletion')}
          </GuardedButton>
        </>
      ) : (
        <>
          <GuardedButton permission={permission} variant="outlined" startIcon={<UndoIcon />} onClick={() => setPending('cancel')}>
            {t('Cancel Deletion')}
          </GuardedButton>
          <GuardedButton permission={permission} variant="contained" color="error" startIcon={<DeleteForeverOutlined />} onClick={() => setPending('delete')}>
            {t('Immediately Delete')}
          </GuardedButton>
        </>
      )}
      {pending === 'request' && (
        <ConfirmDialog title={t('Request for Deletion')} confirmLabel={t('Request for Deletion')} destructive onClose={close} onConfirm={props.onRequest}>
          {t(
            'The {{noun}} "{{name}}" will be Scheduled to be Deleted and deleted for good in 7 days. Until then it cannot be used, and you can Cancel Deletion.',
            { noun: props.noun, name: props.name },
          )}
        </ConfirmDialog>
      )}
      {pending === 'cancel' && (
        <ConfirmDialog title={t('Cancel Deletion')} confirmLabel={t('Cancel Deletion')} onClose={close} onConfirm={props.onCancel}>
          {t('The {{noun}} "{{name}}" returns to In Service and can be used again.', { noun: props.noun, name: props.name })}
        </ConfirmDialog>
      )}
      {pending === 'delete' && (
        <ConfirmDialog
          title={t('Immediately Delete')}
          confirmLabel={t('Immediately Delete')}
          destructive
          typeToConfirm={props.name}
          onClose={close}
          onConfirm={props.onDeleteNow}
        >
          {props.deleteConsequence}
        </ConfirmDialog>
      )}
    </>
  );
}

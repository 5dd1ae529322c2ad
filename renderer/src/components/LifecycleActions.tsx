import DeleteForeverOutlined from '@mui/icons-material/DeleteForeverOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import UndoIcon from '@mui/icons-material/Undo';
import { useState, type ReactNode } from 'react';
import type { LifecycleStatus } from '../../../shared/domain';
import type { Permission } from '../../../shared/permissions';
import { ConfirmDialog } from './ConfirmDialog';
import { GuardedButton } from './GuardedButton';

/**
 * The deletion lifecycle's buttons and confirmations, the same for keys and authentication information:
 * Request for Deletion (In Service), Cancel Deletion and Immediately Delete (Scheduled to be Deleted).
 */
export function LifecycleActions(props: {
  name: string;
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
  const permission = props.permission ?? 'change';
  const [pending, setPending] = useState<'request' | 'cancel' | 'delete' | null>(null);
  const close = () => setPending(null);
  return (
    <>
      {props.status === 'in-service' ? (
        <>
          {props.children}
          <GuardedButton permission={permission} variant="outlined" color="warning" startIcon={<DeleteOutline />} onClick={() => setPending('request')}>
            Request for Deletion
          </GuardedButton>
        </>
      ) : (
        <>
          <GuardedButton permission={permission} variant="outlined" startIcon={<UndoIcon />} onClick={() => setPending('cancel')}>
            Cancel Deletion
          </GuardedButton>
          <GuardedButton permission={permission} variant="contained" color="error" startIcon={<DeleteForeverOutlined />} onClick={() => setPending('delete')}>
            Immediately Delete
          </GuardedButton>
        </>
      )}
      {pending === 'request' && (
        <ConfirmDialog title="Request for Deletion" confirmLabel="Request for Deletion" destructive onClose={close} onConfirm={props.onRequest}>
          The {props.noun} "{props.name}" will be Scheduled to be Deleted and deleted for good in 7 days. Until then it cannot be used, and you can Cancel
          Deletion.
        </ConfirmDialog>
      )}
      {pending === 'cancel' && (
        <ConfirmDialog title="Cancel Deletion" confirmLabel="Cancel Deletion" onClose={close} onConfirm={props.onCancel}>
          The {props.noun} "{props.name}" returns to In Service and can be used again.
        </ConfirmDialog>
      )}
      {pending === 'delete' && (
        <ConfirmDialog
          title="Immediately Delete"
          confirmLabel="Immediately Delete"
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

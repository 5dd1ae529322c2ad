import type { MemberView } from '../../../shared/domain';
import type { ParsedInput } from '../../../shared/contract';
import { SkmError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { KdfParams } from '../vault/crypto';
import type { Account, VaultDocument } from '../vault/document';
import { editable } from '../vault/draft';
import { newId, type Vault } from '../vault/vault';

/** What Member Management shows of an account (never anything secret: keyslots are not in the document). */
export const memberView = (account: Account): MemberView => ({
  id: account.id,
  username: account.username,
  role: account.role,
  approvalRoles: [...account.approvalRoles],
  createdAt: account.createdAt,
  lastUnlockAt: account.lastUnlockAt,
});

/** Usernames are compared as they are typed at unlock: any letter case, NFC. */
export const sameUsername = (a: string, b: string): boolean => a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();

function findMember(doc: VaultDocument, id: string): Account {
  const account = doc.accounts.find((a) => a.id === id);
  if (!account) throw new SkmError('MEMBER_NOT_FOUND', 'There is no such member (it may have been removed). Refresh Member Management.', 'memberId');
  return account;
}

const LAST_ADMIN = 'is the last ADMIN: a vault needs at least one ADMIN to manage members. Give another member the ADMIN role first.';

/**
 * Member Management (issue 9): accounts, their roles, and their keyslots. Who may call what is decided by the
 * contract's permissions (the dispatcher), not here; this service keeps the rules that hold whoever calls: usernames are
 * unique, the last ADMIN stays, nobody removes themselves, and removing a member re-keys the vault.
 */
export class MembersService {
  constructor(
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly kdf?: Omit<KdfParams, 'salt'>,
  ) {}

  list(): MemberView[] {
    return this.vault.data.accounts.map(memberView);
  }

  /** The signed-in member. */
  me(): MemberView {
    return memberView(findMember(this.vault.data, this.vault.account.id));
  }

  async add(input: ParsedInput<'members.add'>): Promise<MemberView> {
    const account = await this.vault.addMember(
      input.username,
      input.passphrase,
      (doc) => {
        if (doc.accounts.some((a) => sameUsername(a.username, input.username))) {
          throw new SkmError(
            'USERNAME_TAKEN',
            `A member named "${input.username}" already exists (usernames ignore letter case). Choose another username.`,
            'username',
          );
        }
        const added: Account = {
          id: newId(),
          username: input.username,
          role: input.role,
          approvalRoles: input.approvalRoles,
          createdAt: this.clock.now().toISOString(),
          lastUnlockAt: null,
        };
        doc.accounts.push(added);
        return added;
      },
      this.kdf,
    );
    return memberView(account);
  }

  async updateRoles(input: ParsedInput<'members.updateRoles'>): Promise<MemberView> {
    const account = await this.vault.update((doc) => {
      const target = findMember(doc, input.memberId);
      if (target.role === 'ADMIN' && input.role !== 'ADMIN' && doc.accounts.filter((a) => a.role === 'ADMIN').length === 1) {
        throw new SkmError('LAST_ADMIN', `${target.username} ${LAST_ADMIN}`, 'role');
      }
      const record = editable(doc.accounts, target);
      record.role = input.role;
      record.approvalRoles = input.approvalRoles;
      return record;
    });
    return memberView(account);
  }

  /** Remove a member; the vault is re-keyed so their passphrase opens neither this file nor its .bak any more. */
  async remove(input: ParsedInput<'members.remove'>): Promise<void> {
    await this.vault.removeMember((doc) => {
      const target = findMember(doc, input.memberId);
      if (target.id === this.vault.account.id) {
        throw new SkmError('INVALID_STATE', 'You cannot remove yourself. Another ADMIN can remove your account.', 'memberId');
      }
      if (target.role === 'ADMIN' && doc.accounts.filter((a) => a.role === 'ADMIN').length === 1) {
        throw new SkmError('LAST_ADMIN', `${target.username} ${LAST_ADMIN}`, 'memberId');
      }
      if (!sameUsername(input.confirmUsername.trim(), target.username)) {
        throw new SkmError('CONFIRMATION_MISMATCH', `Type the member's username, ${target.username}, to confirm the removal.`, 'confirmUsername');
      }
      doc.accounts = doc.accounts.filter((a) => a.id !== target.id);
    });
  }
}

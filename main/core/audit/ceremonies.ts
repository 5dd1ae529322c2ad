import type { CeremonyRecordView, CeremonyView } from '../../../shared/audit';
import type { MemberView } from '../../../shared/domain';
import type { ParsedInput } from '../../../shared/contract';
import { SkmError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { KeyService } from '../keys/key-service';
import type { VaultDocument } from '../vault/document';
import { newId, type Vault } from '../vault/vault';
import type { AuditService } from './audit-service';

type CeremonyRecord = NonNullable<VaultDocument['ceremonies']>[number];

const view = ({ startHead: _s, endHead: _e, ...c }: CeremonyRecord): CeremonyView => ({ ...c, officers: [...c.officers] });

/**
 * Key ceremonies: Start ceremony marks where a span of the audit trail begins (with its title and the officers
 * present), End ceremony where it ends; the ceremony record is what happened in between, for the officers to sign.
 */
export class CeremonyService {
  constructor(
    private readonly vault: Vault,
    private readonly audit: AuditService,
    private readonly keys: KeyService,
    private readonly clock: Clock,
  ) {}

  list(): CeremonyView[] {
    return (this.vault.data.ceremonies ?? []).map(view).reverse();
  }

  async start(input: ParsedInput<'ceremony.start'>, member: MemberView): Promise<CeremonyView> {
    const head = this.audit.head;
    const record = await this.vault.update((draft) => {
      const open = (draft.ceremonies ?? []).find((c) => c.endedAt === null);
      if (open) throw new SkmError('INVALID_STATE', `The ceremony "${open.title}" is still running. End it before starting another.`);
      const ceremony: CeremonyRecord = {
        id: newId(),
        title: input.title,
        officers: input.officers,
        startedAt: this.clock.now().toISOString(),
        startedBy: member.username,
        startSeq: head?.seq ?? 0,
        endedAt: null,
        endSeq: null,
        startHead: head,
        endHead: null,
      };
      draft.ceremonies = [...(draft.ceremonies ?? []), ceremony];
      return ceremony;
    });
    return view(record);
  }

  async end(): Promise<CeremonyRecordView> {
    const head = this.audit.head;
    const ended = await this.vault.update((draft) => {
      const list = [...(draft.ceremonies ?? [])];
      const at = list.findIndex((c) => c.endedAt === null);
      if (at < 0) throw new SkmError('INVALID_STATE', 'No ceremony is running. Start one first.');
      list[at] = { ...list[at]!, endedAt: this.clock.now().toISOString(), endSeq: head?.seq ?? 0, endHead: head };
      draft.ceremonies = list;
      return list[at]!;
    });
    return this.recordOf(ended);
  }

  record(id: string): Promise<CeremonyRecordView> {
    const ceremony = (this.vault.data.ceremonies ?? []).find((c) => c.id === id);
    if (!ceremony) throw new SkmError('REQUEST_NOT_FOUND', 'That ceremony no longer exists. Go back to the list.');
    return this.recordOf(ceremony);
  }

  /** The records in the span (after the start, up to the end or now), and the keys created or imported in it. */
  private async recordOf(ceremony: CeremonyRecord): Promise<CeremonyRecordView> {
    const last = ceremony.endSeq ?? Number.MAX_SAFE_INTEGER;
    const actions = (await this.audit.records()).filter((r) => r.seq > ceremony.startSeq && r.seq <= last);
    const doc = this.vault.data;
    const created = actions.filter((r) => (r.action === 'keys.create' || r.action === 'keys.import') && r.outcome === 'ok' && r.target?.keyId);
    const keys = created.map((r) => {
      const key = doc.keys.find((k) => k.id === r.target!.keyId);
      const prints = key ? this.keys.fingerprints(key.id) : { version: 0, publicKeyFingerprint: null, keyCheckValue: null };
      return {
        keyId: r.target!.keyId!,
        keyName: r.target!.keyName ?? key?.name ?? '',
        keyStoreName: r.target!.keyStoreName ?? '',
        type: key?.type ?? 'deleted',
        algorithm: key?.algorithm ?? '',
        ...prints,
      };
    });
    return { ceremony: view(ceremony), actions: [...actions], keys, startHead: ceremony.startHead, endHead: ceremony.endHead ?? this.audit.head };
  }
}

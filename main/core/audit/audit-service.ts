import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { AuditFilter, AuditPage, AuditVerifyView } from '../../../shared/audit';
import type { MemberView, SaveResult } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { FileSaver } from '../files/file-saver';
import { buildExport, newSigningKey, page, signingKeyFingerprint } from './audit-log';
import type { VaultDocument } from '../vault/document';
import type { Vault } from '../vault/vault';
import type { AuditEntry, AuditRecord } from './record';
import { trailKeys, wipeKeys, type TrailKeys } from './seal';
import { AuditTrail, type AuditHead, type VerifyReport } from './trail';

/** The actions in flight: the vault generations each one writes, so its record can name them. */
interface ActionContext {
  gens: number[];
}
const currentAction = new AsyncLocalStorage<ActionContext>();

/**
 * The audit trail of the open vault (architecture.md: audit/). Records are appended by the dispatcher (console
 * actions), the Key API (batched call counts), the scheduler and the session (unlock, lock).
 *
 * Why an action's record cannot silently go missing: records are written after the action's vault write (a record
 * must say how the action ended), and that vault write names the generation it creates in `audit.owed`. The record
 * carries the same generation. At the next unlock, a generation still owed with no record for it means the app
 * stopped between the two writes: that is recorded (audit.recordsLost) rather than left unnoticed. The vault file
 * also keeps the trail's head at each write, so records cut from the end are noticed too (audit.tamperDetected).
 */
export class AuditService {
  /** Generations whose records have been written since the vault was opened (pruned from `owed` at the next write). */
  private readonly recorded = new Set<number>();
  /** The head the vault file got at its last write (so Lock knows whether one more write is needed). */
  private stampedSeq: number | null = null;

  private constructor(
    private readonly vault: Vault,
    private readonly trail: AuditTrail,
    private readonly keys: TrailKeys,
    private readonly clock: Clock,
  ) {}

  /** Open (or start) the trail of an open vault. Null for a read-only vault: nothing can be appended there. */
  static async open(vault: Vault, dataDir: string, clock: Clock): Promise<AuditService | null> {
    if (vault.readOnly) return null;
    let secret = vault.data.audit?.secret;
    if (!secret) {
      const made = randomBytes(32).toString('base64');
      secret = await vault.update((draft) => {
        draft.audit ??= { secret: made, head: null, owed: [] };
        return draft.audit.secret;
      });
    }
    const secretBytes = Buffer.from(secret, 'base64');
    const keys = trailKeys(secretBytes, vault.data.appKey);
    secretBytes.fill(0);
    const trail = await AuditTrail.open(path.join(dataDir, 'audit.log'), keys);
    const service = new AuditService(vault, trail, keys, clock);
    service.stampedSeq = vault.data.audit?.head?.seq ?? null;
    await service.checkContinuity();
    vault.beforeCommit = (draft, generation) => service.stampHead(draft, generation);
    return service;
  }

  /** Run a console action so that the vault generations it writes are known to its record. */
  static track<T>(fn: () => Promise<T>): { run: Promise<T>; gens: () => number[] } {
    const context: ActionContext = { gens: [] };
    return { run: currentAction.run(context, fn), gens: () => [...context.gens] };
  }

  /** Append one record (durable before it resolves). */
  async record(entry: Omit<AuditEntry, 'at'> & { at?: string }): Promise<AuditRecord> {
    const record = await this.trail.append({ ...entry, at: entry.at ?? this.clock.now().toISOString() });
    for (const gen of record.gens ?? []) this.recorded.add(gen);
    return record;
  }

  records(): Promise<readonly AuditRecord[]> {
    return this.trail.records();
  }

  get head(): AuditHead | null {
    return this.trail.head;
  }

  verify(): Promise<VerifyReport> {
    return this.trail.verify(this.vault.data.audit?.head ?? null);
  }

  /** The Audit Log: ADMIN and VIEWER see every record; a MEMBER sees the records they made. */
  async list(query: AuditFilter & { offset: number; limit: number }, member: MemberView): Promise<AuditPage> {
    return page(await this.records(), query, member.role === 'MEMBER' ? member.id : null);
  }

  /** Verify chain, with the records the app wrote about a cut trail or lost records (they stay in the trail). */
  async verifyView(): Promise<AuditVerifyView> {
    const report = await this.verify();
    const warnings = (await this.records())
      .filter((r) => r.action === 'audit.tamperDetected' || r.action === 'audit.recordsLost')
      .map((r) => ({ seq: r.seq, action: r.action, at: r.at }));
    const signing = this.vault.data.audit?.signing;
    return { ...report, warnings, exportKeyFingerprint: signing ? signingKeyFingerprint(signing.publicKeyPem) : null };
  }

  /** Export the records a filter selects, signed with the vault's export key (made at the first export). */
  async exportFile(format: 'jsonl' | 'csv', filter: AuditFilter, member: MemberView, files: FileSaver): Promise<SaveResult> {
    const made = newSigningKey();
    const signing =
      this.vault.data.audit?.signing ??
      (await this.vault.update((draft) => {
        draft.audit = { ...draft.audit!, signing: draft.audit!.signing ?? made };
        return draft.audit.signing!;
      }));
    const ownerId = member.role === 'MEMBER' ? member.id : null;
    const records = page(await this.records(), { ...filter, offset: 0, limit: Number.MAX_SAFE_INTEGER }, ownerId).records.reverse();
    const bytes = buildExport(
      records as never,
      { appKey: this.vault.data.appKey, exportedAt: this.clock.now().toISOString(), exportedBy: member.username, filter, chainHead: this.trail.head },
      signing,
      format,
    );
    const stamp = this.clock.now().toISOString().slice(0, 10);
    return files.save({
      suggestedName: `skm-audit-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`,
      bytes,
      mime: format === 'csv' ? 'text/csv' : 'application/jsonl',
      description: format === 'csv' ? 'CSV' : 'JSON Lines',
    });
  }

  /**
   * Lock: append the last record, and say whether the vault file needs one more write to keep the trail's head
   * (records of key uses since the last change). Called inside the vault's last queued write (Vault.close).
   */
  async recordLast(entry: Omit<AuditEntry, 'at'>): Promise<boolean> {
    await this.record(entry).catch(() => undefined);
    const head = this.trail.head;
    return head !== null && head.seq !== this.stampedSeq;
  }

  /** Stop appending and wipe the trail's keys. */
  async close(): Promise<void> {
    await this.trail.close();
    wipeKeys(this.keys);
  }

  private stampHead(draft: VaultDocument, generation: number): void {
    const action = currentAction.getStore();
    const owed = (draft.audit?.owed ?? []).filter((g) => !this.recorded.has(g));
    if (action) {
      action.gens.push(generation);
      owed.push(generation);
    }
    draft.audit = { ...draft.audit!, head: this.trail.head, owed };
    this.stampedSeq = this.trail.head?.seq ?? null;
  }

  /** At unlock: the head the vault file kept must be in the trail, and every owed generation must have its record. */
  private async checkContinuity(): Promise<void> {
    const kept = this.vault.data.audit;
    if (!kept) return;
    const system = { kind: 'system' as const, name: 'Secure Key Manager' };
    if (kept.head) {
      const line = this.trail.count >= kept.head.seq ? this.trail.lineAt(kept.head.seq) : null;
      if (!line || line.mac !== kept.head.mac) {
        const found = this.trail.count;
        // Never reuse the numbers of records that were cut (or replaced): the gap keeps the break visible for good.
        this.trail.skipTo(Math.max(kept.head.seq, found + 1));
        await this.record({
          actor: system,
          action: 'audit.tamperDetected',
          outcome: 'failed',
          facts: { expectedSeq: kept.head.seq, foundSeq: found },
        });
      }
    }
    if (kept.owed.length > 0) {
      const after = kept.head?.seq ?? 0;
      const seen = new Set((await this.trail.records()).filter((r) => r.seq > after).flatMap((r) => r.gens ?? []));
      const lost = kept.owed.filter((g) => !seen.has(g));
      if (lost.length > 0) {
        await this.record({ actor: system, action: 'audit.recordsLost', outcome: 'failed', facts: { generations: lost.join(', ') } });
      }
      kept.owed.forEach((g) => this.recorded.add(g));
    }
  }
}

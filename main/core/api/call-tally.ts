import type { AuditService } from '../audit/audit-service';
import type { AuditOutcome } from '../audit/record';
import type { VaultDocument } from '../vault/document';
import type { ApiCall } from './server';
import type { ApiResultName } from './results';

/** Times in milliseconds: a date is formatted once per record, not on every call. */
interface Group {
  call: ApiCall;
  count: number;
  firstAt: number;
  lastAt: number;
}

const REFUSALS: ReadonlySet<ApiResultName> = new Set([
  'IPV4_AUTH_FAILURE',
  'MAC_AUTH_FAILURE',
  'CERTIFICATE_AUTH_FAILURE',
  'TOO_MANY_AUTH_FAILURES',
  'INVALID_APPKEY',
  'EXPORT_NOT_ALLOWED',
]);
const outcomeOf = (result: ApiResultName): AuditOutcome => (result === 'SUCCESS' ? 'ok' : REFUSALS.has(result) ? 'refused' : 'failed');

/**
 * Key API calls for the audit trail, counted in batches: one record per (action, key, client address, result) per
 * interval, with the count and the first and last time. A trail record per encrypt call would cost a disk sync per
 * call; this costs one per interval, and still says who used which key how often, and every refusal.
 */
export class ApiCallTally {
  private groups = new Map<string, Group>();

  constructor(
    private readonly audit: AuditService | null,
    private readonly doc: () => Readonly<VaultDocument>,
    private readonly now: () => Date,
  ) {}

  count(call: ApiCall): void {
    if (!this.audit) return;
    const id = `${call.action}|${call.keyId ?? ''}|${call.ip}|${call.result}`;
    const at = this.now().getTime();
    const group = this.groups.get(id);
    if (group) {
      group.count += 1;
      group.lastAt = at;
    } else this.groups.set(id, { call, count: 1, firstAt: at, lastAt: at });
  }

  /** Append one record per group counted since the last flush. */
  async flush(): Promise<void> {
    const audit = this.audit;
    if (!audit || this.groups.size === 0) return;
    const groups = [...this.groups.values()];
    this.groups = new Map();
    const doc = this.doc();
    for (const group of groups) {
      const { call, count } = group;
      const firstAt = new Date(group.firstAt).toISOString();
      const lastAt = new Date(group.lastAt).toISOString();
      const key = call.keyId ? doc.keys.find((k) => k.id === call.keyId) : undefined;
      const store = key ? doc.keyStores.find((s) => s.id === key.keyStoreId) : undefined;
      const target = key ? { keyId: key.id, keyName: key.name, keyStoreId: key.keyStoreId, ...(store ? { keyStoreName: store.name } : {}) } : undefined;
      await audit
        .record({
          at: lastAt,
          actor: { kind: 'api', name: call.ip },
          action: `api.${call.action}`,
          ...(target ? { target } : {}),
          outcome: outcomeOf(call.result),
          ...(call.result === 'SUCCESS' ? {} : { code: call.result }),
          count,
          facts: { firstAt, lastAt },
        })
        .catch(() => undefined);
    }
  }
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../main/core/api/routes';
import { isRecorded, systemChanges } from '../../main/core/audit/actions';
import type { VaultDocument } from '../../main/core/vault/document';
import { AuthMethod } from '../../shared/domain';
import { contract, type Channel } from '../../shared/contract';
import { ACTION_LABELS, FACT_LABELS, FACT_VALUES } from '../../renderer/src/audit/actionLabels';
import { ko } from '../../renderer/src/i18n/ko';

// Every action the audit trail can record shows in the Audit Log and the ceremony record in the console's words
// (a missing label shows the raw channel name). The recorded actions are read from main at run time, so a channel,
// a scheduler change or a Key API route added later fails here until it has its label.

/** What main records besides contract channels: the session (KeyManager) and the trail's own warnings. */
const SESSION_AND_TRAIL = ['vault.create', 'vault.unlock', 'vault.lock', 'audit.tamperDetected', 'audit.recordsLost'];

/** The contract channels the dispatcher records (audit/actions.ts isRecorded). */
const recordedChannels = (): string[] => (Object.keys(contract) as Channel[]).filter(isRecorded);

/** Every action the scheduler records, from a pair of documents where each kind of item fell due or rotated. */
function schedulerActions(): string[] {
  const storeId = 's'.repeat(32);
  const before = {
    keyStores: [{ id: storeId, name: 'Payments' }],
    keys: [
      { id: 'a'.repeat(32), keyStoreId: storeId, name: 'deleted', versions: [{}] },
      { id: 'b'.repeat(32), keyStoreId: storeId, name: 'rotated', versions: [{}] },
    ],
    authEntries: AuthMethod.options.map((kind, i) => ({ id: String(i).repeat(32), keyStoreId: storeId, kind, name: kind })),
  } as unknown as VaultDocument;
  const after = { keyStores: [], keys: [{ ...before.keys[1]!, versions: [{}, {}] }], authEntries: [] } as unknown as VaultDocument;
  return systemChanges(before, after).map((c) => c.action);
}

/** Action names written literally where main records (`action: 'x.y'`), for records made outside the dispatcher. */
function literalActions(): string[] {
  const root = path.join(__dirname, '../../main/core');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? files(file) : name.endsWith('.ts') ? [file] : [];
    });
  return files(root).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\baction: '([a-zA-Z]+\.[a-zA-Z]+)'/g)].map((m) => m[1]!));
}

const recorded = (): string[] =>
  [
    ...new Set([
      ...recordedChannels(),
      ...SESSION_AND_TRAIL,
      ...schedulerActions(),
      ...ROUTES.map((r) => `api.${r.action}`),
      'api.request',
      ...literalActions(),
    ]),
  ].sort();

describe('audit action labels', () => {
  it('reads the recorded actions from main', () => {
    const actions = recorded();
    expect(actions).toContain('keys.create');
    expect(actions).toContain('keystores.deleteNow');
    expect(actions).toContain('scheduler.deleteKeyStore');
    expect(actions).toContain('scheduler.deleteCertificate');
    expect(actions).toContain('scheduler.rotateKey');
    expect(actions).toContain('api.encrypt');
    expect(actions).not.toContain('keys.list'); // a read that changes nothing leaves no record
  });

  it('has a label for every action the trail records', () => {
    expect(recorded().filter((action) => !(action in ACTION_LABELS))).toEqual([]);
  });

  it('has a Korean entry for every action label, fact name and fact word', () => {
    const words = [...Object.values(ACTION_LABELS), ...Object.values(FACT_LABELS), ...Object.values(FACT_VALUES)];
    expect(words.filter((w) => !(w in ko))).toEqual([]);
  });

  it('names each action once, so two actions never read the same in the log', () => {
    const labels = Object.values(ACTION_LABELS);
    expect(labels.filter((l, i) => labels.indexOf(l) !== i)).toEqual([]);
  });
});

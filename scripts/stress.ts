// npm run stress [-- --cycles N --seed S --keep --verbose] — the crash loop (not part of npm test).
// Each cycle starts a child (scripts/stress-child.ts, under tsx) that opens the vault and runs random mutations through
// the dispatcher, kills it with SIGKILL a random 5–300 ms into its work (one cycle in twenty: 2–5 s), then reopens the
// vault here and checks that every acknowledged change is there, that the vault and its .bak open, that no temp file is
// left, and that nothing Immediately Deleted is in any file of the data folder (every generation decrypted). Exit code
// 1 if any must-be-0 figure is not 0. A SIGKILL ends the process, not the machine: the page cache survives, so this
// checks crash consistency of the write protocol, not fsync ordering against power loss.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, link, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeyManager } from '../main/core/key-manager';
import { createDispatcher, type Dispatch } from '../main/core/bridge';
import { Vault } from '../main/core/vault/vault';
import type { AuthEntryView, KeyStoreView, KeyView, Settings } from '../shared/domain';
import {
  MUTATION_CHANNELS,
  STRESS_KDF,
  STRESS_PASSPHRASE,
  STRESS_USER,
  rng,
  tokensIn,
  type ChildMessage,
  type GoMessage,
  type MutationChannel,
} from './stress-shared';
import {
  applyAck,
  authFromView,
  deletedRecord,
  diff,
  emptyState,
  keyFromView,
  rebase,
  simulate,
  storeFromView,
  type DeletedRecord,
  type Discrepancy,
  type Op,
  type State,
} from './stress-model';
import { DataDirScanner, type ScannedFile } from './stress-scan';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = path.join(ROOT, 'scripts', 'stress-child.ts');
const STEP_TIMEOUT_MS = 60_000;
/** Children loading their modules ahead of their cycle (tsx start-up is most of a cycle's cost). */
const SPARES = 2;
/** Problem lines printed in full, and failing cycles whose files are kept, before the rest is only counted. */
const PRINT_LIMIT = 60;
const PRESERVE_LIMIT = 5;

// ---- command line ----

function flag(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
}
const has = (name: string) => process.argv.slice(2).includes(name);

function intFlag(name: string, fallback: number, min: number): number {
  const text = flag(name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    console.error(`${name} takes a whole number from ${min}; "${text}" is not one.`);
    process.exit(2);
  }
  return n;
}

const CYCLES = intFlag('--cycles', 200, 1);
const SEED = intFlag('--seed', Math.floor(Math.random() * 2 ** 31), 0) >>> 0;
const KEEP = has('--keep');
const VERBOSE = has('--verbose');

// ---- the child process ----

interface ChildRun {
  proc: ChildProcess;
  messages: ChildMessage[];
  loaded: Promise<void>;
  /** 'ready' once it mutates; otherwise how it ended before that. */
  ready: Promise<'ready' | 'fatal' | 'exited'>;
  closed: Promise<void>;
  stderr: () => string;
  exited: () => boolean;
}

const children = new Set<ChildProcess>();

function spawnChild(): ChildRun {
  // node --import tsx (not the tsx CLI): one process, so SIGKILL hits the process that holds the vault.
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  children.add(proc);
  const messages: ChildMessage[] = [];
  let stderr = '';
  let exited = false;
  let onLoaded!: () => void;
  let onReady!: (v: 'ready' | 'fatal' | 'exited') => void;
  const loaded = new Promise<void>((r) => (onLoaded = r));
  const ready = new Promise<'ready' | 'fatal' | 'exited'>((r) => (onReady = r));
  let pending = '';
  const reports = proc.stdio[3] as NodeJS.ReadableStream;
  reports.setEncoding('utf8');
  reports.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      const message = JSON.parse(line) as ChildMessage;
      messages.push(message);
      if (message.t === 'loaded') onLoaded();
      if (message.t === 'ready') onReady('ready');
      if (message.t === 'fatal') onReady('fatal');
    }
    // A line cut short by SIGKILL (no newline) never counts: an intent that short was not started, an ack not given.
  });
  proc.stdout!.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const closed = new Promise<void>((resolve) =>
    proc.on('close', () => {
      exited = true;
      children.delete(proc);
      onLoaded();
      onReady('exited');
      resolve();
    }),
  );
  proc.stdin!.on('error', () => undefined); // the child may be gone before we write
  return { proc, messages, loaded, ready, closed, stderr: () => stderr, exited: () => exited };
}

function killAll(): void {
  for (const c of children) if (c.pid !== undefined) process.kill(c.pid, 'SIGKILL');
}
process.on('SIGINT', () => {
  killAll();
  process.exit(130);
});

function withTimeout<T>(promise: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${label} took more than ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- reading the reopened vault through the contract ----

async function call<T>(dispatch: Dispatch, channel: string, input?: unknown): Promise<T> {
  const result = await dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.code} ${result.error.message}`), { code: result.error.code });
  return result.value as T;
}

async function observe(dispatch: Dispatch): Promise<State> {
  const state = emptyState();
  for (const s of await call<KeyStoreView[]>(dispatch, 'keystores.list')) {
    state.stores.set(s.id, storeFromView(s));
    for (const k of await call<KeyView[]>(dispatch, 'keys.list', { keyStoreId: s.id })) {
      let data: string | undefined;
      if (k.type === 'confidential' && k.status === 'in-service') data = (await call<{ data: string }>(dispatch, 'keys.reveal', { keyId: k.id })).data;
      state.keys.set(k.id, keyFromView(k, { tokens: [], ...(data !== undefined ? { data } : {}) }));
    }
    for (const kind of ['ipv4', 'mac', 'certificate'] as const) {
      for (const e of await call<AuthEntryView[]>(dispatch, 'auth.list', { keyStoreId: s.id, kind })) state.auth.set(e.id, authFromView(e, []));
    }
  }
  state.settings = await call<Settings>(dispatch, 'settings.get');
  return state;
}

// ---- bookkeeping ----

interface ChannelStats {
  intents: number;
  acked: number;
  refused: number;
  inFlight: number;
  inFlightApplied: number;
}
const stats = new Map<MutationChannel, ChannelStats>(MUTATION_CHANNELS.map((c) => [c, { intents: 0, acked: 0, refused: 0, inFlight: 0, inFlightApplied: 0 }]));
const refusalCodes = new Map<string, number>();

const totals = {
  acknowledged: 0,
  lost: 0,
  unexplained: 0,
  leftoverTemps: 0,
  otherTemps: 0,
  deletedFound: 0,
  deletedUnackedFound: 0,
  corruptions: 0,
  harnessErrors: 0,
  modelWarnings: 0,
  partialFiles: 0,
  tempsBeforeReopen: 0,
};
const reopenMs: number[] = [];
/** Where a cycle's time goes: waiting for the child to load and unlock, its work until the kill, the checks. */
const phaseMs = { start: 0, work: 0, check: 0 };
/** Leftover temp files after reopen (each counted once, however many reopens it survives), by the file whose write left them. */
const leftoverSeen = new Set<string>();
const leftoverBy = new Map<string, number>();
/** Temp files found right after a kill, each counted once. */
const crashTempsSeen = new Set<string>();
/** Deleted material found: each (file, record) pair counted once. */
const deletedSeen = new Set<string>();
const tempTarget = (name: string): string => /^\.?(.+?)(?:\.[0-9a-f]+)?\.tmp$/.exec(path.basename(name))?.[1] ?? name;
const problems: string[] = [];

function problem(cycle: number, text: string): void {
  const line = `cycle ${cycle}: ${text}`;
  problems.push(line);
  if (problems.length <= PRINT_LIMIT) console.log(`  ! ${line}`);
  else if (problems.length === PRINT_LIMIT + 1) console.log(`  ! (more problems are counted, not printed)`);
}

/**
 * Snapshot of a data folder by hard links: cheap, and exact because every file here is only ever replaced (temp
 * file + rename), never changed in place.
 */
async function snapshot(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) {
    await link(path.join(from, name), path.join(to, name)).catch(async () => cp(path.join(from, name), path.join(to, name)).catch(() => undefined));
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Records whose Immediately Delete (acknowledged, or unacknowledged but found to have happened) is searched for. */
function findDeleted(files: ScannedFile[], deleted: DeletedRecord[]): Array<{ file: ScannedFile; record: DeletedRecord; what: string }> {
  const found: Array<{ file: ScannedFile; record: DeletedRecord; what: string }> = [];
  for (const file of files) {
    for (const record of deleted) {
      const what: string[] = [];
      if (file.ids.has(record.id)) what.push('its id');
      const tokens = record.tokens.filter((t) => file.tokens.has(t));
      if (tokens.length > 0) what.push(`${tokens.length} marker(s) of its text`);
      if (record.material && file.keys32.has(record.material)) what.push('its key material');
      if (what.length > 0) found.push({ file, record, what: what.join(', ') });
    }
  }
  return found;
}

// ---- one run ----

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`Secure Key Manager Desktop — crash loop: ${CYCLES} cycles, seed ${SEED} (rerun with --seed ${SEED})`);
  const random = rng(SEED);
  const scanner = new DataDirScanner(STRESS_USER, STRESS_PASSPHRASE);
  const work = await mkdtemp(path.join(tmpdir(), 'skm-stress-'));
  let generationNo = 0;
  let dataDir = '';
  let model: State = emptyState();
  let created = false;
  let deleted: DeletedRecord[] = [];
  let deletedUnacked: DeletedRecord[] = [];
  const freshVault = async () => {
    generationNo += 1;
    dataDir = path.join(work, `data-${generationNo}`);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    model = emptyState();
    created = false;
    deleted = [];
    deletedUnacked = [];
  };
  await freshVault();
  const crashCopy = path.join(work, 'crash-state');
  const failures = path.join(tmpdir(), 'skm-stress-failures', `seed-${SEED}`);
  let preserved = 0;
  const preserve = async (cycle: number, log: unknown) => {
    if (++preserved > PRESERVE_LIMIT) return;
    const to = path.join(failures, `cycle-${cycle}`);
    await rm(to, { recursive: true, force: true });
    await cp(crashCopy, path.join(to, 'data-after-crash'), { recursive: true }).catch(() => undefined);
    await cp(dataDir, path.join(to, 'data-after-reopen'), { recursive: true }).catch(() => undefined);
    await writeFile(path.join(to, 'child-log.json'), JSON.stringify(log, null, 1));
    console.log(`    kept for reproduction: ${to}`);
  };

  const spares: ChildRun[] = [];
  let spawned = 0;
  const topUp = () => {
    while (spares.length < SPARES && spawned < CYCLES) {
      spares.push(spawnChild());
      spawned += 1;
    }
  };
  topUp();
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const childSeed = Math.floor(random() * 2 ** 32);
    // Mostly 5–300 ms into the work; one cycle in twenty runs 2–5 s and starts with slow calls (a client certificate
    // takes about 2 s), so that those complete and are checked too, not only cut short.
    const slow = random() < 0.05;
    const killAfter = slow ? 2000 + Math.floor(random() * 3000) : 5 + Math.floor(random() * 296);
    const child: ChildRun = spares.shift()!;
    const cycleStart = performance.now();
    let workStart = cycleStart;
    const cycleProblems = problems.length;
    let childCouldNotUnlock = false;

    // 1. Start the child on the vault and kill it while it works.
    try {
      await withTimeout(child.loaded, 'child start');
      const go: GoMessage = { dataDir, create: !created, seed: childSeed, slow };
      child.proc.stdin!.end(`${JSON.stringify(go)}\n`);
      const state = await withTimeout(child.ready, 'child unlock');
      workStart = performance.now();
      if (state === 'ready') {
        created = true;
        await sleep(killAfter);
      } else {
        const fatal = child.messages.find((m) => m.t === 'fatal');
        const reason = fatal && fatal.t === 'fatal' ? `${fatal.stage}: ${fatal.code} ${fatal.message}` : `exited early\n${child.stderr()}`;
        if (fatal && fatal.t === 'fatal' && fatal.stage === 'unlock') {
          childCouldNotUnlock = true;
          totals.corruptions += 1;
          problem(cycle, `CORRUPTION: the child could not unlock the vault the previous cycle reopened: ${reason}`);
        } else {
          totals.harnessErrors += 1;
          problem(cycle, `harness: the child did not start mutating (${reason})`);
        }
      }
    } catch (err) {
      totals.harnessErrors += 1;
      problem(cycle, `harness: ${(err as Error).message}`);
    }
    if (!child.exited()) child.proc.kill('SIGKILL');
    await withTimeout(child.closed, 'child exit');
    const checkStart = performance.now();
    phaseMs.start += workStart - cycleStart;
    phaseMs.work += checkStart - workStart;
    topUp(); // the next children load their modules while this cycle is checked
    if (!created) continue; // the vault was never made: nothing to reopen

    // 2. Replay what the child reported on the model: acknowledged calls applied, the last one maybe in flight.
    const intents = new Map<number, { op: Op; expectRefusal: boolean }>();
    let replayModel = model;
    for (const m of child.messages) {
      if (m.t === 'intent') {
        intents.set(m.seq, { op: { channel: m.channel, input: m.input }, expectRefusal: m.expectRefusal });
        stats.get(m.channel)!.intents += 1;
        continue;
      }
      if (m.t !== 'ack') continue;
      const intent = intents.get(m.seq)!;
      intents.delete(m.seq);
      const s = stats.get(intent.op.channel)!;
      const predicted = simulate(replayModel, intent.op);
      if (m.ok) {
        s.acked += 1;
        totals.acknowledged += 1;
        const gone = deletedRecord(replayModel, intent.op);
        const next = applyAck(replayModel, intent.op, m.value);
        const disagreement = diff(predicted, next, new Set(), 'answer');
        if (intent.expectRefusal || disagreement.length > 0) {
          totals.modelWarnings += 1;
          problem(
            cycle,
            `model: ${intent.op.channel} ${intent.expectRefusal ? 'was expected to be refused but succeeded' : `answered differently than predicted: ${disagreement[0]!.text}`}`,
          );
        }
        if (gone) deleted.push(gone);
        replayModel = next;
      } else {
        s.refused += 1;
        refusalCodes.set(`${intent.op.channel} ${m.code}`, (refusalCodes.get(`${intent.op.channel} ${m.code}`) ?? 0) + 1);
        const predictedChange = diff(replayModel, predicted, new Set(), 'prediction');
        if (!intent.expectRefusal || predictedChange.length > 0) {
          totals.modelWarnings += 1;
          problem(
            cycle,
            `model: ${intent.op.channel} was refused with ${m.code}${intent.expectRefusal ? ', but the model predicted a change' : ' (not expected)'}`,
          );
        }
      }
    }
    if (intents.size > 1) {
      totals.harnessErrors += 1;
      problem(cycle, `harness: ${intents.size} calls in flight at once (the child runs one at a time)`);
    }
    const inFlight = [...intents.values()][0]?.op;
    if (inFlight) stats.get(inFlight.channel)!.inFlight += 1;

    // 3. The state the crash left: keep a copy, and decrypt every generation in it.
    await snapshot(dataDir, crashCopy);
    const crashFiles = await scanner.scan(dataDir);
    for (const f of crashFiles.filter((c) => c.class === 'vault-temp')) {
      if (!crashTempsSeen.has(path.join(dataDir, f.name))) totals.tempsBeforeReopen += 1;
      crashTempsSeen.add(path.join(dataDir, f.name));
    }
    totals.partialFiles += crashFiles.filter((f) => f.decrypted === 'partial').length;

    // 4. Reopen here, as the app would after the crash, and compare with the model.
    const t0 = performance.now();
    const km = new KeyManager({ dataDir, kdf: STRESS_KDF, backoff: () => 0 });
    const dispatch = createDispatcher(km);
    const unlocked = await dispatch('vault.unlock', { username: STRESS_USER, passphrase: STRESS_PASSPHRASE });
    const elapsed = performance.now() - t0;
    // The previous generation is the documented way back: it must open too (a copy, in a scratch folder).
    const backupError = crashFiles.some((f) => f.class === 'backup') ? await openCopy(path.join(crashCopy, 'vault.json.bak'), work) : null;
    if (backupError) {
      totals.corruptions += 1;
      problem(cycle, `CORRUPTION: vault.json.bak left by the crash does not open: ${backupError}`);
    }
    if (!unlocked.ok) {
      if (!childCouldNotUnlock) totals.corruptions += 1;
      problem(cycle, `CORRUPTION: the vault does not unlock after the crash: ${unlocked.error.code} ${unlocked.error.message}`);
      await preserve(cycle, child.messages);
      console.log('    starting a new vault for the remaining cycles');
      await freshVault();
      continue;
    }
    reopenMs.push(elapsed);

    let observed: State;
    try {
      observed = await observe(dispatch);
    } catch (err) {
      await km.lock('shutdown');
      totals.corruptions += 1;
      problem(cycle, `CORRUPTION: the reopened vault could not be read: ${(err as Error).message}`);
      await preserve(cycle, child.messages);
      await freshVault();
      continue;
    }
    await km.caughtUp();
    await km.lock('shutdown');

    const deletedIds = new Set(deleted.map((d) => d.id));
    const alternatives = [replayModel, ...(inFlight ? [simulate(replayModel, inFlight)] : [])];
    const results = alternatives.map((alt) => diff(alt, observed, deletedIds));
    let best = results.findIndex((r) => r.length === 0);
    if (best < 0) {
      best = results.reduce((b, r, i) => (r.length < results[b]!.length ? i : b), 0);
      reportDiscrepancies(cycle, results[best]!, inFlight);
    }
    const inFlightHappened = inFlight !== undefined && best === 1 && diff(alternatives[0]!, alternatives[1]!, new Set()).length > 0;
    if (inFlightHappened) {
      stats.get(inFlight.channel)!.inFlightApplied += 1;
      const gone = deletedRecord(replayModel, inFlight);
      if (gone) deletedUnacked.push(gone);
    }
    model = rebase(observed, alternatives[best]!);

    // 5. The files at rest after the reopen: temp files left, deleted material anywhere, model data in vault.json.
    const restFiles = await scanner.scan(dataDir);
    const temps = restFiles.filter((f) => f.class === 'vault-temp');
    for (const t of temps) {
      if (leftoverSeen.has(path.join(dataDir, t.name))) continue;
      leftoverSeen.add(path.join(dataDir, t.name));
      totals.leftoverTemps += 1;
      leftoverBy.set(tempTarget(t.name), (leftoverBy.get(tempTarget(t.name)) ?? 0) + 1);
    }
    for (const t of restFiles.filter((f) => f.class === 'other-temp')) {
      if (!leftoverSeen.has(path.join(dataDir, t.name))) totals.otherTemps += 1;
      leftoverSeen.add(path.join(dataDir, t.name));
    }
    if (VERBOSE && temps.length > 0) console.log(`  cycle ${cycle}: ${temps.length} temp file(s) left after reopen: ${temps.map((f) => f.name).join(', ')}`);

    for (const [stage, files] of [
      ['after the crash', crashFiles],
      ['after the reopen', restFiles],
    ] as const) {
      for (const f of findDeleted(files, deleted)) {
        const key = `${path.join(dataDir, f.file.name)} ${f.record.id}`;
        if (deletedSeen.has(key)) continue;
        deletedSeen.add(key);
        totals.deletedFound += 1;
        problem(
          cycle,
          `DELETED MATERIAL ${stage}: ${f.record.label} (${f.record.id}, Immediately Delete acknowledged) — ${f.what} found in ${f.file.name} [${f.file.class}, ${f.file.decrypted}]`,
        );
      }
    }
    for (const f of findDeleted(restFiles, deletedUnacked)) {
      const key = `unacknowledged ${path.join(dataDir, f.file.name)} ${f.record.id}`;
      if (deletedSeen.has(key)) continue;
      deletedSeen.add(key);
      totals.deletedUnackedFound += 1;
      problem(
        cycle,
        `note: ${f.record.label} (${f.record.id}) was deleted by a call the crash cut short (no answer), yet ${f.what} is still in ${f.file.name} [${f.file.class}] after the reopen`,
      );
    }

    const vaultFile = restFiles.find((f) => f.class === 'vault');
    if (!vaultFile || vaultFile.decrypted !== 'full') {
      totals.harnessErrors += 1;
      problem(cycle, `harness: vault.json could not be decrypted by the scanner (${vaultFile?.decrypted ?? 'missing'})`);
    } else {
      for (const k of model.keys.values()) {
        const missing = [
          ...(k.data ? tokensIn(k.data).filter((t) => !vaultFile.tokens.has(t)) : []),
          ...(k.material && !vaultFile.keys32.has(k.material) ? ['material'] : []),
        ];
        if (missing.length > 0) {
          totals.lost += 1;
          problem(
            cycle,
            `LOST: the ${k.type} key "${k.name}" (${k.id}) is listed but its ${k.data ? 'Confidential Data' : 'key material'} is not in the decrypted vault.json`,
          );
        }
      }
    }

    if (problems.length > cycleProblems && problems.slice(cycleProblems).some((p) => !p.includes(': note:') && !p.includes(': model:'))) {
      await preserve(cycle, child.messages);
    }
    phaseMs.check += performance.now() - checkStart;

    if (VERBOSE || cycle % 10 === 0 || cycle === CYCLES) {
      const ops = child.messages.filter((m) => m.t === 'ack').length;
      console.log(
        `cycle ${cycle}/${CYCLES}: ${ops} calls answered before the kill at ${killAfter} ms${inFlight ? ` (in flight: ${inFlight.channel}, ${inFlightHappened ? 'applied' : 'not applied'})` : ''}` +
          ` | vault: ${model.stores.size} key stores, ${model.keys.size} keys, ${model.auth.size} auth entries | reopen ${elapsed.toFixed(1)} ms`,
      );
    }
  }

  // ---- report ----
  console.log('\nCalls per mutation kind (intents / acknowledged / refused / in flight at the kill: applied):');
  for (const [channel, s] of stats) {
    console.log(
      `  ${channel.padEnd(22)} ${String(s.intents).padStart(6)} ${String(s.acked).padStart(6)} ${String(s.refused).padStart(6)} ${String(s.inFlight).padStart(6)}: ${s.inFlightApplied}`,
    );
  }
  if (refusalCodes.size > 0) console.log(`Refusals (deliberate invalid calls): ${[...refusalCodes].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  if (totals.modelWarnings > 0) console.log(`Model warnings (the harness's prediction differed from the app's answer): ${totals.modelWarnings}`);
  console.log(
    `Temp files seen right after the kills (before reopen): ${totals.tempsBeforeReopen}; truncated ones decrypted as far as they go: ${totals.partialFiles}`,
  );
  if (totals.otherTemps > 0) console.log(`settings.json temp files (atomically's .tmp-*) left after reopen: ${totals.otherTemps}`);
  if (totals.deletedUnackedFound > 0) console.log(`Material of unacknowledged-but-applied deletions still on disk after reopen: ${totals.deletedUnackedFound}`);

  const mustBeZero: Array<[string, number]> = [
    ['lost (acknowledged changes missing or undone)', totals.lost],
    ['leftover temp files', totals.leftoverTemps],
    ['deleted material found on disk', totals.deletedFound],
    ['corruptions', totals.corruptions],
    ['unexplained changes', totals.unexplained],
    ['harness errors', totals.harnessErrors],
  ];
  console.log('');
  console.log(`cycles:                          ${CYCLES}`);
  console.log(`acknowledged:                    ${totals.acknowledged}`);
  for (const [label, n] of mustBeZero) {
    const detail = label.startsWith('leftover') && n > 0 ? ` (left by writes of ${[...leftoverBy].map(([f, c]) => `${f}: ${c}`).join(', ')})` : '';
    console.log(`${(label.split(' (')[0] + ':').padEnd(33)}${n}${n === 0 ? '' : '   <-- must be 0'}${detail}`);
  }
  const msText = (v: number) => (Number.isNaN(v) ? 'n/a' : `${v.toFixed(1)} ms`);
  console.log(
    `reopen time:                     median ${msText(percentile(reopenMs, 50))}, p95 ${msText(percentile(reopenMs, 95))} (KeyManager + unlock, scrypt N=${STRESS_KDF.N})`,
  );
  const per = (ms: number) => `${(ms / CYCLES).toFixed(0)} ms`;
  console.log(
    `per cycle:                       child start + unlock ${per(phaseMs.start)}, work until the kill ${per(phaseMs.work)}, checks ${per(phaseMs.check)}`,
  );
  console.log(`total time:                      ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`seed:                            ${SEED}`);

  const failed = mustBeZero.some(([, n]) => n > 0);
  if (KEEP || failed) console.log(`data folders kept in ${work}`);
  else await rm(work, { recursive: true, force: true });
  if (problems.length > 0 && failed) console.log(`${problems.length} problem line(s) above; copies for reproduction under ${failures}`);
  process.exitCode = failed ? 1 : 0;

  function reportDiscrepancies(cycle: number, found: Discrepancy[], op: Op | undefined): void {
    for (const d of found) {
      if (d.kind === 'unexplained') totals.unexplained += 1;
      else totals.lost += 1;
      problem(cycle, `${d.kind === 'unexplained' ? 'UNEXPLAINED' : 'LOST'}: ${d.text}${op ? ` (in flight at the kill: ${op.channel})` : ''}`);
    }
  }
}

/** Open a copy of a vault file in a scratch folder (integrity check of a generation); null when it opens. */
async function openCopy(file: string, work: string): Promise<string | null> {
  const scratch = await mkdtemp(path.join(work, 'open-'));
  try {
    await cp(file, path.join(scratch, 'vault.json'));
    const vault = await Vault.open(path.join(scratch, 'vault.json'), STRESS_USER, STRESS_PASSPHRASE);
    await vault.close();
    return null;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return `${e.code ?? 'error'} ${e.message ?? ''}`;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  killAll();
  console.error(err);
  process.exit(1);
});

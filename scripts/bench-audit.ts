// Audit trail costs (issue 11), each beside a bare baseline measured in the same run, as a ratio (this machine's
// absolute timings are noisy): one durable append, what a record adds to a change and to a key use in the console,
// and opening / verifying a 100,000-record trail. `npx tsx scripts/bench-audit.ts` runs it alone.
import { createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open as openFile, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBrowserHost } from '../main/browser/server';
import type { AuditEntry } from '../main/core/audit/record';
import { GENESIS_MAC, sealLine, trailKeys, type TrailKeys } from '../main/core/audit/seal';
import { AuditTrail, verifyTrailFile } from '../main/core/audit/trail';
import { createDispatcher, type Dispatch } from '../main/core/bridge';
import { KeyManager } from '../main/core/key-manager';

const FAST_KDF = { name: 'scrypt', N: 1024, r: 8, p: 1 } as const; // as tests/unit/helpers.ts: same code path, cheap unlock
const PASSPHRASE = 'benchmark passphrase';
const APPENDS = 200;
const CHANGES = 40;
const USES = 300;
const TRAIL_RECORDS = 100_000;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const ms = (v: number) => `${v.toFixed(2)} ms`;
const us = (v: number) => `${Math.round(v * 1000).toLocaleString('en')} µs`;
const ratio = (a: number, b: number) => (a / b).toFixed(2);

async function timed(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Runs `a` and `b` alternately (a-b, b-a, ...) so both see the same machine load; returns each one's times. */
async function alternate(n: number, a: (i: number) => unknown, b: (i: number) => unknown): Promise<{ a: number[]; b: number[] }> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      ta.push(await timed(() => a(i)));
      tb.push(await timed(() => b(i)));
    } else {
      tb.push(await timed(() => b(i)));
      ta.push(await timed(() => a(i)));
    }
  }
  return { a: ta, b: tb };
}

const ACTOR = { kind: 'member' as const, id: 'f3a1c2d4e5b6a7980112233445566778', name: 'alice' };
const TARGET = {
  keyStoreId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  keyStoreName: 'Payments',
  keyId: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  keyName: 'Card data key',
};

/**
 * Records as the app writes them (names kept as they were), in a plausible mix: console key uses (dispatcher), Key API
 * call batches (call-tally.ts) and changes (with the vault generation they wrote). About 320 bytes of JSON on average
 * (ids are 32 hex characters each); per-record costs are mostly per call, so size matters little here.
 */
function sampleEntry(i: number): AuditEntry {
  const at = new Date(Date.UTC(2026, 10, 28, 9, 0, 0, i)).toISOString();
  if (i % 10 < 6) return { at, actor: ACTOR, action: i % 2 ? 'keys.encrypt' : 'keys.decrypt', target: TARGET, outcome: 'ok', facts: { version: 3 } };
  if (i % 10 < 8) {
    return {
      at,
      actor: { kind: 'api', name: '10.20.30.41' },
      action: 'api.encrypt',
      target: { keyId: TARGET.keyId, keyStoreId: TARGET.keyStoreId },
      outcome: 'ok',
      count: 37,
    };
  }
  return { at, actor: ACTOR, action: 'keys.update', target: TARGET, outcome: 'ok', gens: [1000 + i] };
}

/** The trail's FileHandle (private; read here only to count its syncs). */
const handleOf = (trail: AuditTrail) => (trail as unknown as { handle: FileHandle | null }).handle;

/** Returns the median durable append, for the change figure's context. */
async function benchAppend(dir: string): Promise<number> {
  const keys = trailKeys(randomBytes(32), 'bench-app-key');
  const trail = await AuditTrail.open(path.join(dir, 'audit.log'), keys);
  const entry = sampleEntry(1); // a console key use: the record a burst of key uses is made of
  for (let i = 0; i < 5; i++) await trail.append(entry); // the first append creates the file and syncs the folder
  const lineBytes = Buffer.byteLength(JSON.stringify(sealLine(keys, 6, GENESIS_MAC, JSON.stringify({ seq: 6, ...entry }))) + '\n');
  const line = Buffer.alloc(lineBytes, 'x');
  line[lineBytes - 1] = 0x0a;
  // Bare: one handle kept open in append mode (as the trail keeps its own), one write + fdatasync per line.
  const bare = await openFile(path.join(dir, 'bare.log'), 'a', 0o600);
  const bareAppend = async () => {
    await bare.write(line, 0, line.length);
    await bare.datasync();
  };
  for (let i = 0; i < 5; i++) await bareAppend();

  const one = await alternate(
    APPENDS,
    () => trail.append(entry),
    () => bareAppend(),
  );
  console.log(
    `append one record, durable (x${APPENDS}, awaited each): median ${ms(median(one.a))}, p95 ${ms(p95(one.a))}` +
      ` | bare write+fdatasync of a ${lineBytes}-byte line: median ${ms(median(one.b))}, p95 ${ms(p95(one.b))}` +
      ` | ratio ${ratio(median(one.a), median(one.b))} (p95 ${ratio(p95(one.a), p95(one.b))})`,
  );

  // Group commit: appends that arrive while a write is on its way share the next write and its sync.
  const handle = handleOf(trail)!;
  const datasync = handle.datasync.bind(handle);
  let syncs = 0;
  handle.datasync = () => {
    syncs += 1;
    return datasync();
  };
  const burst = await timed(() => Promise.all(Array.from({ length: APPENDS }, () => trail.append(entry))));
  handle.datasync = datasync;
  const bareBurst = await timed(async () => {
    for (let i = 0; i < APPENDS; i++) await bareAppend();
  });
  console.log(
    `group commit: ${APPENDS} appends at once (Promise.all) ${ms(burst)}, ${syncs} syncs (${APPENDS - syncs} saved)` +
      ` | ${APPENDS} sequential bare write+fdatasync ${ms(bareBurst)} | ratio ${ratio(burst, bareBurst)}`,
  );
  await bare.close();
  await trail.close();
  return median(one.a);
}

type Call = <T>(channel: string, input?: unknown) => Promise<T>;
const caller =
  (dispatch: Dispatch): Call =>
  async <T>(channel: string, input?: unknown) => {
    const result = await dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };

/** A keep-alive POST to the browser host's bridge, as the console page sends one; resolves with the status. */
function bridgePost(agent: Agent, port: number, host: string, session: { cookie: string; token: string }, channel: string, input: unknown): Promise<number> {
  const body = JSON.stringify({ input });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/bridge/${channel}`,
        method: 'POST',
        agent,
        headers: {
          Host: host,
          'Content-Type': 'application/json',
          Cookie: session.cookie,
          'X-SKM-Session': session.token,
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function bridgeGet(port: number, host: string, pathname: string): Promise<{ cookie: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname, agent: false, headers: { Host: host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ cookie: String(res.headers['set-cookie']).split(';')[0]!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function benchContract(dir: string, appendMedian: number): Promise<void> {
  const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, backoff: () => 0 });
  const dispatch = createDispatcher(km);
  const call = caller(dispatch);
  await call('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  const store = await call<{ id: string }>('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
  const key = await call<{ id: string }>('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'Card data key' });
  const keyId = key.id;
  try {
    // A change: the same vault write, with the record (dispatch) and without it (the service, which the dispatcher calls).
    for (let i = 0; i < 3; i++) {
      await call('keys.update', { keyId, description: `warm ${i}` });
      await km.keys().update({ keyId, description: `warm direct ${i}` });
    }
    const change = await alternate(
      CHANGES,
      (i) => call('keys.update', { keyId, description: `Recorded change ${i}` }),
      (i) => km.keys().update({ keyId, description: `Direct change ${i}` }),
    );
    const added = median(change.a) - median(change.b);
    console.log(
      `keys.update (durable vault write, x${CHANGES}): with the record ${ms(median(change.a))} | without (service direct) ${ms(median(change.b))}` +
        ` | ratio ${ratio(median(change.a), median(change.b))} | audit adds ${ms(added)} to a change (aim < 5 ms; one durable append alone ${ms(appendMedian)})`,
    );

    // A key use: dispatch vs the service; the same for a read channel that leaves no record, to take out the dispatcher.
    const payload = { data: 'The quick brown fox jumps over the lazy dog, 4111 1111 1111 1111.', encoding: 'utf8' as const };
    for (let i = 0; i < 50; i++) {
      await call('keys.encrypt', { keyId, payload });
      await call('keys.get', { keyId });
    }
    const use = await alternate(
      USES,
      () => call('keys.encrypt', { keyId, payload }),
      () => km.keys().encrypt(keyId, payload),
    );
    const read = await alternate(
      USES,
      () => call('keys.get', { keyId }),
      () => km.keys().get(keyId),
    );
    const useAdds = median(use.a) - median(use.b);
    const dispatcherOnly = median(read.a) - median(read.b);
    console.log(
      `keys.encrypt in the console (x${USES}): dispatch ${us(median(use.a))} (p95 ${us(p95(use.a))}) | service direct ${us(median(use.b))}` +
        ` | ratio ${ratio(median(use.a), median(use.b))} | dispatch adds ${us(useAdds)}`,
    );
    console.log(
      `  read channel keys.get, not recorded: dispatch ${us(median(read.a))} | direct ${us(median(read.b))} | dispatch adds ${us(dispatcherOnly)}` +
        ` => the record adds ${us(useAdds - dispatcherOnly)} to a key use (aim: nothing measurable)`,
    );

    // Context: the console reaches dispatch through the browser host (or Electron IPC); one bridge round trip here.
    const rendererDir = path.join(dir, 'renderer');
    await mkdir(rendererDir, { recursive: true });
    const host = await startBrowserHost({ km, port: 0, rendererDir, preloadFile: path.join(dir, 'preload.js') });
    const hostHeader = new URL(host.origin).host;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const launch = await bridgeGet(host.port, hostHeader, new URL(host.url).pathname);
      const token = /<meta name="skm-session" content="([\w-]+)">/.exec(launch.body)?.[1];
      if (!token) throw new Error('browser host: no session token in the launch page');
      const session = { cookie: launch.cookie, token };
      for (let i = 0; i < 50; i++) {
        if ((await bridgePost(agent, host.port, hostHeader, session, 'keys.get', { keyId })) !== 200) throw new Error('browser host: bridge call refused');
      }
      const trip = await alternate(
        USES,
        () => bridgePost(agent, host.port, hostHeader, session, 'keys.encrypt', { keyId, payload }),
        () => bridgePost(agent, host.port, hostHeader, session, 'keys.get', { keyId }),
      );
      console.log(
        `  browser-host bridge round trip (HTTP keep-alive on 127.0.0.1, x${USES}): keys.encrypt ${us(median(trip.a))} | keys.get ${us(median(trip.b))}` +
          ` | difference ${us(median(trip.a) - median(trip.b))}`,
      );
    } finally {
      agent.destroy();
      await host.close();
    }
  } finally {
    await km.lock();
  }
}

/** A 100,000-record trail written directly, chained as trail.ts does; returns what the bare baseline needs. */
async function buildTrail(file: string, keys: TrailKeys) {
  const lines: string[] = [];
  const bare: { macInput: Buffer; iv: Buffer; ct: Buffer; tag: Buffer; aad: Buffer }[] = [];
  let mac = GENESIS_MAC;
  let plainBytes = 0;
  for (let seq = 1; seq <= TRAIL_RECORDS; seq++) {
    const plaintext = JSON.stringify({ seq, ...sampleEntry(seq) });
    plainBytes += plaintext.length;
    const line = sealLine(keys, seq, mac, plaintext);
    bare.push({
      macInput: Buffer.from(`${seq}|${mac}|${line.iv}|${line.ct}|${line.tag}`),
      iv: Buffer.from(line.iv, 'base64'),
      ct: Buffer.from(line.ct, 'base64'),
      tag: Buffer.from(line.tag, 'base64'),
      aad: Buffer.from(`skm-audit/1/${seq}/${mac}`),
    });
    mac = line.mac;
    lines.push(JSON.stringify(line));
  }
  const text = `${lines.join('\n')}\n`;
  await writeFile(file, text, { mode: 0o600 });
  return { head: { seq: TRAIL_RECORDS, mac }, bare, avgRecord: plainBytes / TRAIL_RECORDS, fileBytes: Buffer.byteLength(text) };
}

/** Milliseconds of garbage collection while `fn` runs (what keeping 100,000 records alive costs shows up here). */
async function withGc<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; gcMs: number }> {
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => (gcMs += e.duration)));
  observer.observe({ entryTypes: ['gc'] });
  const t = performance.now();
  const value = await fn();
  const elapsed = performance.now() - t;
  await new Promise((r) => setTimeout(r, 20)); // gc entries are delivered after the fact
  observer.disconnect();
  return { value, ms: elapsed, gcMs };
}

const n0 = (v: number) => Math.round(v).toLocaleString('en');

async function benchVerify(dir: string): Promise<void> {
  const file = path.join(dir, 'audit.log');
  const keys = trailKeys(randomBytes(32), 'bench-app-key');
  const t0 = performance.now();
  const { head, bare, avgRecord, fileBytes } = await buildTrail(file, keys);
  const built = performance.now() - t0;

  // The floor, in three timed parts: read the file; one HMAC-SHA256 per record; one AES-256-GCM decrypt per record.
  const bareParts = async () => {
    const read = await timed(() => readFile(file));
    const hmac = await timed(() => {
      for (const r of bare) createHmac('sha256', keys.mac).update(r.macInput).digest();
    });
    const gcm = await timed(() => {
      for (const r of bare) {
        const d = createDecipheriv('aes-256-gcm', keys.enc, r.iv);
        d.setAAD(r.aad);
        d.setAuthTag(r.tag);
        d.update(r.ct);
        d.final();
      }
    });
    return { read, hmac, gcm, total: read + hmac + gcm };
  };
  const bareRuns: Awaited<ReturnType<typeof bareParts>>[] = [];
  const verifyTimes: number[] = [];
  let stall = 0;
  for (let round = 0; round < 2; round++) {
    bareRuns.push(await bareParts());
    // verifyTrailFile reads with a stream: it should leave the event loop free between chunks. Its longest stall:
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const run = await timed(async () => {
      const report = await verifyTrailFile(file, keys, head);
      if (!report.ok || report.count !== TRAIL_RECORDS) throw new Error(`verify failed: ${report.reason}`);
    });
    loop.disable();
    verifyTimes.push(run);
    stall = Math.max(stall, loop.max / 1e6);
  }
  bare.length = 0; // let the baseline's buffers go before the Audit Log's pass, so it does not pay for their GC
  const pick = (k: 'read' | 'hmac' | 'gcm' | 'total') => median(bareRuns.map((r) => r[k]));
  const v = median(verifyTimes);
  const b = pick('total');

  // What the Audit Log does on first open: read the whole file, then decrypt every record (yielding as it goes).
  const opened = await withGc(() => AuditTrail.open(file, keys));
  const readLoop = monitorEventLoopDelay({ resolution: 5 });
  readLoop.enable();
  const read = await withGc(async () => (await opened.value.records()).length);
  readLoop.disable();
  if (read.value !== TRAIL_RECORDS) throw new Error('records() did not read every record');
  await opened.value.close();

  console.log(
    `trail of ${n0(TRAIL_RECORDS)} records (${Math.round(avgRecord)}-byte records, ${(fileBytes / 1048576).toFixed(1)} MiB; built in ${n0(built)} ms):`,
  );
  console.log(
    `  verify ${n0(TRAIL_RECORDS)} records: ${n0(v)} ms (aim < 2,000 ms) | bare GCM+HMAC: ${n0(b)} ms | ratio ${ratio(v, b)}` +
      `  [bare = read ${n0(pick('read'))} + HMAC ${n0(pick('hmac'))} + GCM ${n0(pick('gcm'))} ms; verify's longest event-loop stall ${n0(stall)} ms]`,
  );
  console.log(
    `  Audit Log first open: AuditTrail.open ${n0(opened.ms)} ms + records() ${n0(read.ms)} ms = ${n0(opened.ms + read.ms)} ms | bare ${n0(b)} ms | ratio ${ratio(opened.ms + read.ms, b)}` +
      `  [records() yields as it decrypts: longest event-loop stall ${n0(readLoop.max / 1e6)} ms; ${n0(read.gcMs)} ms of GC]`,
  );
}

export async function benchAudit(): Promise<void> {
  console.log('\nAudit trail (issue 11)');
  const dir = await mkdtemp(path.join(tmpdir(), 'skm-bench-audit-'));
  try {
    await mkdir(path.join(dir, 'append'));
    await mkdir(path.join(dir, 'vault'));
    await mkdir(path.join(dir, 'verify'));
    const appendMedian = await benchAppend(path.join(dir, 'append'));
    await benchContract(path.join(dir, 'vault'), appendMedian);
    await benchVerify(path.join(dir, 'verify'));
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await benchAudit();

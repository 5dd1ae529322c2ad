// The load generator of scripts/bench-api.ts, in a child process of its own (started with `node --import tsx`).
// It takes one job at a time over the IPC channel and answers with every request's latency.
import { createSecureContext, type SecureContext } from 'node:tls';
import { Pool } from 'undici';

export interface LoadJob {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The client certificate as the user downloads it (.p12) with its password, and the CA to trust for the server. */
  tls: { pfx: string; passphrase: string; ca: string };
  connections: number;
  /** Requests sent and not measured first (connections are opened, code is warmed). */
  warmup: number;
  durationMs: number;
  /**
   * Open loop at this many requests per second (spread over the connections): latency then measures the server at a
   * load it can carry, counted from when each request was due (so a slow answer also delays the ones behind it, and
   * that wait is counted). Without it, each connection sends its next request as soon as the last is answered.
   */
  ratePerSec?: number;
}

export interface LoadResult {
  requests: number;
  elapsedMs: number;
  latenciesMs: number[];
  /** CPU time of this (the client's) process during the measured part. */
  clientCpuMs: number;
  /** Answers that were not HTTP 200 with isSuccessful true, and the first of them. */
  failures: number;
  firstFailure: string | null;
}

const pools = new Map<string, Pool>();
const contexts = new Map<string, SecureContext>();

function poolFor(job: LoadJob): Pool {
  let pool = pools.get(job.origin);
  if (!pool) {
    // One SecureContext built from { pfx, passphrase, ca } and handed to every connection. Passing those options to
    // `connect` directly is the same TLS, but tls.connect would then parse the .p12 again for each connection, and
    // this .p12 is protected with 600,000 PBKDF2 iterations (twice: key and MAC), about a second of CPU each time.
    const key = `${job.tls.pfx}|${job.tls.ca}`;
    let secureContext = contexts.get(key);
    if (!secureContext) {
      secureContext = createSecureContext({ pfx: Buffer.from(job.tls.pfx, 'base64'), passphrase: job.tls.passphrase, ca: job.tls.ca });
      contexts.set(key, secureContext);
    }
    // pipelining 1 with keep-alive: each connection carries one request at a time and is reused for the next.
    pool = new Pool(job.origin, { connections: job.connections, pipelining: 1, connect: { secureContext } });
    pools.set(job.origin, pool);
  }
  return pool;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const pool = poolFor(job);
  const latenciesMs: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;

  const once = async (): Promise<number> => {
    const t = performance.now();
    const res = await pool.request({ method: 'POST', path: job.path, headers: job.headers, body: job.body });
    const text = await res.body.text();
    const elapsed = performance.now() - t;
    // The same parse and check for both servers, so the client's own cost is the same in both runs.
    const ok = res.statusCode === 200 && (JSON.parse(text) as { header?: { isSuccessful?: boolean } }).header?.isSuccessful === true;
    if (!ok) {
      failures += 1;
      firstFailure ??= `HTTP ${res.statusCode} ${text.slice(0, 300)}`;
    }
    return elapsed;
  };

  let left = job.warmup;
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (left-- > 0) await once();
    }),
  );

  process.send!({ measuring: true });
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + job.durationMs;
  const rate = job.ratePerSec;
  await Promise.all(
    Array.from({ length: job.connections }, async (_, worker) => {
      if (!rate) {
        while (performance.now() < end) latenciesMs.push(await once());
        return;
      }
      const interval = (job.connections * 1000) / rate;
      for (let due = start + (worker * interval) / job.connections; due < end; due += interval) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const late = performance.now() - due;
        latenciesMs.push(late + (await once()));
      }
    }),
  );
  const elapsedMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { requests: latenciesMs.length, elapsedMs, latenciesMs, clientCpuMs: (used.user + used.system) / 1000, failures, firstFailure };
}

process.on('message', (job: LoadJob | 'close') => {
  if (job === 'close') {
    void Promise.all([...pools.values()].map((p) => p.close())).then(() => process.disconnect());
    return;
  }
  run(job).then(
    (result) => process.send!({ ok: true, result }),
    (err: unknown) => process.send!({ ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
  );
});

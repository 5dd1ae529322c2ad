import { execFile } from 'node:child_process';
import { createDecipheriv } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { ClientRequest, IncomingHttpHeaders } from 'node:http';
import { request, type RequestOptions } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { expect } from 'vitest';
import { createDispatcher } from '../../main/core/bridge';
import type { FileSaver, OutgoingFile } from '../../main/core/files/file-saver';
import { KeyManager } from '../../main/core/key-manager';
import type { ThrottleOptions } from '../../main/core/api/throttle';
import { FAST_KDF, FAST_PKCS12, FakeClock, PASSPHRASE, caller } from './helpers';

/**
 * Shared setup of the Key API tests: one vault per test file, served by the real HTTPS server, called by real clients
 * (node:https with a PKCS#12, and curl). Certificates are expensive to issue (RSA keys and 600,000-iteration PKCS#12
 * derivations), so each file makes its few once, in beforeAll.
 */

export const CERT_PASSWORD = 'client-p12-password';
export const MAC = 'aa:bb:cc:dd:ee:ff';
export const CURL = '/usr/bin/curl';
/** beforeAll of a file that issues certificates: seconds each, more on a busy machine. */
export const SETUP_TIMEOUT = 240_000;
export const SLOW = { timeout: 120_000 };

/** The tests make many failures on purpose from 127.0.0.1; the throttle has its own test with its own manager. */
export const LENIENT_THROTTLE: ThrottleOptions = {
  slowAfter: 1_000_000,
  blockAfter: 1_000_000,
  windowMs: 60_000,
  blockMs: 1,
  delayStepMs: 0,
  maxDelayMs: 0,
  maxTracked: 1_000,
};

/**
 * The cloud product's results as clients see them, written out here rather than imported from results.ts: clients
 * branch on these numbers, so a change there must fail a test.
 */
export const RESULT = {
  SUCCESS: { status: 200, resultCode: 0, resultMessage: 'SUCCESS' },
  INVALID_APPKEY: { status: 401, resultCode: -1001, resultMessage: 'Invalid Appkey' },
  INVALID_KEY_ID: { status: 404, resultCode: -1002, resultMessage: 'Invalid Key ID' },
  INVALID_KEY_VERSION: { status: 404, resultCode: -1003, resultMessage: 'Invalid Key Version' },
  INVALID_USER_DATA: { status: 400, resultCode: -1004, resultMessage: 'Invalid User Data' },
  INVALID_KEY_STATUS: { status: 409, resultCode: -1005, resultMessage: 'Invalid Key Status' },
  EXPORT_NOT_ALLOWED: { status: 403, resultCode: -1006, resultMessage: 'Export Not Allowed' },
  REQUEST_TOO_LARGE: { status: 413, resultCode: -1007, resultMessage: 'Request Too Large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, resultCode: -1008, resultMessage: 'Unsupported Media Type' },
  IPV4_AUTH_FAILURE: { status: 403, resultCode: -1101, resultMessage: 'IPv4 Auth Failure' },
  MAC_AUTH_FAILURE: { status: 403, resultCode: -1102, resultMessage: 'MAC Auth Failure' },
  CERTIFICATE_AUTH_FAILURE: { status: 403, resultCode: -1103, resultMessage: 'Certificate Auth Failure' },
  TOO_MANY_AUTH_FAILURES: { status: 429, resultCode: -1104, resultMessage: 'Too Many Auth Failures' },
  URL_NOT_FOUND: { status: 404, resultCode: -1201, resultMessage: 'URL NOT FOUND' },
  METHOD_NOT_ALLOWED: { status: 405, resultCode: -1202, resultMessage: 'Method Not Allowed' },
  INTERNAL_ERROR: { status: 500, resultCode: -1500, resultMessage: 'Internal Server Error' },
} as const;
export type ResultName = keyof typeof RESULT;

export interface Envelope {
  header: { resultCode: number; resultMessage: string; isSuccessful: boolean; detail?: string };
  body: any;
}

/** One answer of the Key API as a client received it. */
export interface Answer extends Envelope {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The server certificate's subjectAltName and the negotiated TLS version (node client only). */
  peer: { subjectAltName: string | undefined; protocol: string | null; issuer: string | undefined };
}

/** Asserts a successful answer and returns its body. */
export function expectSuccess(answer: Answer): any {
  expect(outcome(answer)).toEqual(expected('SUCCESS'));
  expect(answer.header.detail).toBeUndefined();
  return answer.body;
}

/**
 * Asserts a failure: HTTP status, resultCode, resultMessage, isSuccessful false, no body, and our `detail` words (none
 * when left out; an asymmetric matcher where the words are not the point).
 */
export function expectFailure(answer: Answer, name: Exclude<ResultName, 'SUCCESS'>, detail?: unknown): void {
  expect({ ...outcome(answer), body: answer.body, detail: answer.header.detail }).toEqual({ ...expected(name), body: null, detail });
}

const outcome = (a: Answer) => ({
  status: a.status,
  resultCode: a.header.resultCode,
  resultMessage: a.header.resultMessage,
  isSuccessful: a.header.isSuccessful,
});
const expected = (name: ResultName) => {
  const { status, resultCode, resultMessage } = RESULT[name];
  return { status, resultCode, resultMessage, isSuccessful: name === 'SUCCESS' };
};

/** A port nobody listens on right now: listen on port 0, read the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A downloaded client certificate: the .p12 as the user saved it, and a TLS context parsed from it once. */
export class ClientCert {
  private context: SecureContext | undefined;
  constructor(
    readonly name: string,
    readonly p12File: string,
    readonly pfx: Buffer,
    private readonly caPem: Buffer,
  ) {}

  /** node:https's own PKCS#12 loading ({ pfx, passphrase }); done once, as the derivation costs about a second. */
  secureContext(): SecureContext {
    this.context ??= createSecureContext({ pfx: this.pfx, passphrase: CERT_PASSWORD, ca: this.caPem });
    return this.context;
  }
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** An object is sent as JSON; a string or Buffer as it is. POST without a body sends none. */
  body?: unknown;
  contentType?: string | null;
  cert?: ClientCert;
  mac?: string;
  headers?: Record<string, string>;
  localAddress?: string;
  /** Connect to this host name (resolved to 127.0.0.1) instead of the listen address. */
  hostName?: string;
  /** TLS options of the client (then the certificate, if any, is not used); `ca: null` trusts nothing extra. */
  tls?: Pick<RequestOptions, 'minVersion' | 'maxVersion' | 'ciphers'> & { ca?: null };
}

export interface Api {
  /** https://127.0.0.1:PORT/keymanager/v1.0/appkey/<APPKEY>/ */
  base: string;
  port: number;
  appKey: string;
  caPem: Buffer;
  caFile: string;
  /** A path relative to the base URL, or absolute (starting with /). */
  call(where: string, options?: CallOptions): Promise<Answer>;
  /** The same request, left open for the test to write its body in parts. */
  open(where: string, options?: CallOptions): { req: ClientRequest; answer: Promise<Answer> };
  /** curl with the API CA; returns the parsed envelope and the HTTP status curl saw. */
  curl(where: string, args?: string[]): Promise<Answer>;
}

function bodyOf(options: CallOptions): Buffer | undefined {
  if (options.body === undefined) return undefined;
  if (Buffer.isBuffer(options.body)) return options.body;
  return Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
}

/** Resolves every name to 127.0.0.1 (node 20 asks with `all: true` when it may try several addresses). */
const loopbackLookup = (_host: string, opts: { all?: boolean }, cb: (...args: any[]) => void) =>
  opts.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4);

function parseAnswer(status: number, headers: IncomingHttpHeaders, text: string, peer: Answer['peer']): Answer {
  let envelope: Envelope;
  try {
    envelope = JSON.parse(text) as Envelope;
  } catch {
    throw new Error(`not a JSON envelope (HTTP ${status}): ${text.slice(0, 200)}`);
  }
  return { status, headers, text, peer, ...envelope };
}

/**
 * One request on a fresh TLS connection (agent: false), so no earlier client certificate or session is reused. The
 * request is left open: the caller writes the body (or none) and ends it.
 */
export function openRequest(base: string, caPem: Buffer, where: string, options: CallOptions = {}): { req: ClientRequest; answer: Promise<Answer> } {
  const url = new URL(where, base);
  if (options.hostName) url.hostname = options.hostName;
  const body = bodyOf(options);
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string | number> = { ...options.headers };
  const contentType = options.contentType === undefined ? (body === undefined ? null : 'application/json') : options.contentType;
  if (contentType !== null) headers['Content-Type'] = contentType;
  if (body !== undefined) headers['Content-Length'] = body.length;
  if (options.mac !== undefined) headers['X-TOAST-CLIENT-MAC-ADDR'] = options.mac;
  // node passes secureContext on to tls.connect; @types/node leaves it out of https.RequestOptions.
  const { ca: trusted, ...versions } = options.tls ?? {};
  const tlsOptions: RequestOptions & { secureContext?: SecureContext } = options.tls
    ? { ...versions, ...(trusted === null ? {} : { ca: caPem }) }
    : options.cert
      ? { secureContext: options.cert.secureContext() }
      : { ca: caPem };
  let req!: ClientRequest;
  const answer = new Promise<Answer>((resolve, reject) => {
    req = request(
      url,
      {
        method,
        headers,
        agent: false,
        ...tlsOptions,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        ...(options.hostName ? { lookup: loopbackLookup as any } : {}),
      },
      (res) => {
        const socket = res.socket as TLSSocket;
        const cert = socket.getPeerX509Certificate();
        const peer = { subjectAltName: cert?.subjectAltName, protocol: socket.getProtocol(), issuer: cert?.issuer };
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(parseAnswer(res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString('utf8'), peer));
          } catch (err) {
            reject(err);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
  return { req, answer };
}

/** One whole request on a fresh TLS connection; see openRequest. */
export function apiCall(base: string, caPem: Buffer, where: string, options: CallOptions = {}): Promise<Answer> {
  const { req, answer } = openRequest(base, caPem, where, options);
  req.end(bodyOf(options));
  return answer;
}

export interface CurlRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCurl(args: string[]): Promise<CurlRun> {
  return new Promise((resolve) => {
    execFile(CURL, ['--silent', '--show-error', '--max-time', '60', ...args], { encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** curl's arguments for a client certificate as the user downloaded it: the .p12 and its password. */
export const curlCert = (cert: ClientCert): string[] => ['--cert-type', 'P12', '--cert', `${cert.p12File}:${CERT_PASSWORD}`];
export const curlJson = (body: unknown): string[] => ['-H', 'Content-Type: application/json', '--data-binary', JSON.stringify(body)];

export interface Fixture {
  km: KeyManager;
  dir: string;
  clock: FakeClock;
  call: ReturnType<typeof caller>;
  dispatch: ReturnType<typeof createDispatcher>;
  saved: OutgoingFile[];
  /** Issue a client certificate and download it as the user would (auth.addCertificate, then auth.downloadCertificate). */
  issueCertificate(keyStoreId: string, name: string, validTo?: string): Promise<{ id: string; cert: ClientCert }>;
  /** keyApi.start on a free port of 127.0.0.1, then keyApi.downloadCaCertificate. */
  startApi(hostNames?: string[]): Promise<Api>;
  close(): Promise<void>;
}

/** `YYYY-MM-DD` of the test clock, `days` from now. */
export const dayOf = (clock: FakeClock, days = 0): string => new Date(clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A vault in a fresh folder, created and signed in, whose KeyManager hands saved files to the test. The clock is a
 * FakeClock at the real time: clients check the server certificate against the real clock, the server checks client
 * certificates against the manager's.
 */
export async function openFixture(options: { throttle?: ThrottleOptions } = {}): Promise<Fixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skm-key-api-'));
  const clock = new FakeClock(Date.now());
  const saved: OutgoingFile[] = [];
  const files: FileSaver = { save: async (f) => (saved.push(f), { status: 'saved', path: f.suggestedName }) };
  const km = new KeyManager({
    dataDir: dir,
    kdf: FAST_KDF,
    pkcs12Iterations: FAST_PKCS12,
    backoff: () => 0,
    clock,
    files,
    keyApi: { throttle: options.throttle ?? LENIENT_THROTTLE },
  });
  const dispatch = createDispatcher(km);
  const call = caller(dispatch);
  try {
    await call('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  let caPem: Buffer | undefined;

  async function downloadApiCa(): Promise<Buffer> {
    await call('keyApi.downloadCaCertificate');
    const file = saved.at(-1)!;
    expect(file.suggestedName).toBe('skm-key-api-ca.pem');
    return file.bytes;
  }

  const fixture: Fixture = {
    km,
    dir,
    clock,
    call,
    dispatch,
    saved,
    async issueCertificate(keyStoreId, name, validTo = dayOf(clock, 365)) {
      const entry = await call('auth.addCertificate', {
        keyStoreId,
        name,
        password: CERT_PASSWORD,
        confirmPassword: CERT_PASSWORD,
        validFrom: dayOf(clock),
        validTo,
      });
      await call('auth.downloadCertificate', { id: entry.id });
      const file = saved.at(-1)!;
      expect(file.suggestedName).toBe(`${name}.p12`);
      const p12File = path.join(dir, `${name}.p12`);
      await writeFile(p12File, file.bytes, { mode: 0o600 });
      caPem ??= await downloadApiCa();
      return { id: entry.id as string, cert: new ClientCert(name, p12File, Buffer.from(file.bytes), caPem) };
    },
    async startApi(hostNames = []) {
      const port = await freePort();
      const status = await call('keyApi.start', { listen: '127.0.0.1', port, hostNames });
      expect(status).toMatchObject({ serving: true, listen: '127.0.0.1', port, hostNames });
      caPem ??= await downloadApiCa();
      const caFile = path.join(dir, 'api-ca.pem');
      await writeFile(caFile, caPem);
      const ca = caPem;
      const base = status.url as string;
      const appKey = (await call('vault.info')).appKey as string;
      expect(base).toBe(`https://127.0.0.1:${port}/keymanager/v1.0/appkey/${appKey}/`);
      return {
        base,
        port,
        appKey,
        caPem: ca,
        caFile,
        call: (where, opts) => apiCall(base, ca, where, opts),
        open: (where, opts) => openRequest(base, ca, where, opts),
        curl: async (where, args = []) => {
          const run = await runCurl(['--cacert', caFile, '--write-out', '\n%{http_code}', ...args, new URL(where, base).href]);
          if (run.code !== 0) throw new Error(`curl exited ${run.code}: ${run.stderr}`);
          const cut = run.stdout.lastIndexOf('\n');
          return parseAnswer(Number(run.stdout.slice(cut + 1)), {}, run.stdout.slice(0, cut), { subjectAltName: undefined, protocol: null, issuer: undefined });
        },
      };
    },
    async close() {
      await km.shutdown();
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    },
  };
  return fixture;
}

/** The vault file's generation (in its plain header) and modification time: what tells whether it was written. */
export async function vaultWrites(km: KeyManager): Promise<{ generation: number; mtimeMs: number }> {
  const header = JSON.parse(await readFile(km.vaultFile, 'utf8')) as { generation: number };
  return { generation: header.generation, mtimeMs: (await stat(km.vaultFile)).mtimeMs };
}

/** Symmetric keys' API ciphertexts are `skm:v<N>:` + base64(iv | ciphertext | tag), with `skm:<keyId>:v<N>` as AAD. */
export function openCiphertext(key: Buffer, keyId: string, ciphertext: string): string {
  const match = /^skm:v(\d+):(.+)$/.exec(ciphertext);
  if (!match) throw new Error('not a versioned ciphertext');
  const sealed = Buffer.from(match[2]!, 'base64');
  // A second implementation of the opening: node:crypto directly, not the engine under test.
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(`skm:${keyId}:v${match[1]}`));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]).toString('utf8');
}

import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import { SkmError } from '../../../shared/errors';
import { findKeyStore } from '../keystores/keystores';
import type { KeyService } from '../keys/key-service';
import type { VaultDocument } from '../vault/document';
import { ClientAuthenticator, ipv4Number, normaliseMac, unwrapIpv4, type ClientFacts } from './client-auth';
import { ApiFailure, RESULT_OF_CODE, envelope, type ApiResultName } from './results';
import { findRoute } from './routes';
import { AuthThrottle, DEFAULT_THROTTLE, type ThrottleOptions } from './throttle';

/** JSON bodies of at most 64 KiB (a 32 KB plaintext, JSON-escaped, fits). */
export const MAX_BODY_BYTES = 64 * 1024;
/** How long a stop waits for requests in flight before closing their connections. */
export const DRAIN_MS = 5_000;

/** TLS 1.2 with forward-secret AEAD suites only, and TLS 1.3 (whose suites are all AEAD). */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/**
 * TLS 1.2 and 1.3 only. Every client is asked for its certificate, but the request decides: which CA it must chain to
 * depends on the key store that owns the key in the path, and routes such as confirm need none.
 */
export const TLS_SETTINGS = {
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.3',
  ciphers: TLS12_CIPHERS,
  honorCipherOrder: true,
  requestCert: true,
  rejectUnauthorized: false,
} as const;

export interface ServerLimits {
  /** Open connections at most; more are refused at accept. */
  maxConnections: number;
  /** Time to receive a request's headers; then the whole request; idle keep-alive; TLS handshake (ms). */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  handshakeTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxConnections: 512,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  handshakeTimeoutMs: 10_000,
};

export interface ApiServerOptions {
  appKey: string;
  tls: { certPem: string; keyPem: string };
  /** The live vault document (replaced, never edited, by each change) and the key service of the open vault. */
  doc: () => Readonly<VaultDocument>;
  keys: KeyService;
  now: () => Date;
  limits?: Partial<ServerLimits>;
  throttle?: ThrottleOptions;
  /** Told of every answered call (for the audit trail's batched API records): never a body, only what was asked of which key. */
  onCall?: (call: ApiCall) => void;
  /** Called for a failure we did not expect, with the error's class only (never its message: it may hold data). */
  onInternalError?: (kind: string) => void;
}

/** One answered call, as the audit trail counts it. */
export interface ApiCall {
  keyId: string | null;
  action: string;
  ip: string;
  result: ApiResultName;
}

const PREFIX = /^\/keymanager\/(v1\.[01])\/appkey\/([^/]+)\/(.*)$/;
const JSON_TYPE = /^application\/json\s*(;|$)/i;
const MAC_HEADER = 'x-toast-client-mac-addr';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Key API's HTTPS server. Per request: throttle check, path and app key, the key and its owner, the owner's client
 * authentication, then the KeyService call the console uses too, answered in the cloud product's envelope.
 */
export class ApiServer {
  readonly server: Server;
  private readonly auth: ClientAuthenticator;
  private readonly throttle: AuthThrottle;
  /** What a connection tells about its client, read once per connection (the peer and its certificate never change). */
  private readonly peers = new WeakMap<TLSSocket, { ip: number | null; certificate: X509Certificate | undefined; macHeader?: string; mac: string | null }>();
  private inFlight = 0;
  private stopping = false;
  private drained: (() => void) | null = null;
  requests = 0;
  failures = 0;

  constructor(private readonly options: ApiServerOptions) {
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.auth = new ClientAuthenticator();
    this.throttle = new AuthThrottle(options.throttle ?? DEFAULT_THROTTLE);
    this.server = createServer(
      {
        key: options.tls.keyPem,
        cert: options.tls.certPem,
        ...TLS_SETTINGS,
        handshakeTimeout: limits.handshakeTimeoutMs,
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
      },
      (req, res) => void this.serve(req, res),
    );
    this.server.maxConnections = limits.maxConnections;
    // Failed handshakes (plain HTTP on the port, a port scan) are the client's problem; never crash or log data.
    this.server.on('tlsClientError', () => undefined);
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  get address(): { address: string; port: number } {
    const a = this.server.address();
    if (a === null || typeof a === 'string') throw new Error('not listening');
    return { address: a.address, port: a.port };
  }

  /** Stop accepting, let requests in flight finish (up to DRAIN_MS), then close every connection. */
  async stop(drainMs = DRAIN_MS): Promise<void> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    if (this.inFlight > 0) {
      await Promise.race([new Promise<void>((resolve) => (this.drained = resolve)), sleep(drainMs)]);
    }
    this.server.closeAllConnections();
    await closed;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.requests += 1;
    // Keep-alive ends with the stop: the answer in flight says so, and the client reconnects elsewhere.
    if (this.stopping) res.shouldKeepAlive = false;
    try {
      const note: { keyId: string | null; action: string } = { keyId: null, action: 'request' };
      const { name, body, detail, retryAfter } = await this.answer(req, note);
      this.options.onCall?.({ ...note, ip: unwrapIpv4(req.socket.remoteAddress ?? ''), result: name });
      if (name !== 'SUCCESS') this.failures += 1;
      const { status, payload } = envelope(name, body, detail);
      const text = JSON.stringify(payload);
      const headers: Record<string, string | number> = {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      };
      if (retryAfter !== undefined) headers['Retry-After'] = retryAfter;
      if (status === 413) headers.Connection = 'close';
      res.writeHead(status, headers);
      res.end(text);
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0 && this.drained) this.drained();
    }
  }

  private async answer(
    req: IncomingMessage,
    note: { keyId: string | null; action: string },
  ): Promise<{ name: ApiResultName; body?: unknown; detail?: string; retryAfter?: number }> {
    const socket = req.socket as TLSSocket;
    const ip = socket.remoteAddress ?? '';
    const blocked = this.throttle.blockedFor(ip);
    if (blocked > 0) {
      req.resume();
      return {
        name: 'TOO_MANY_AUTH_FAILURES',
        detail: 'Too many failed authentications from this address; wait and try again.',
        retryAfter: Math.ceil(blocked / 1000),
      };
    }
    let raw: Buffer | null;
    try {
      raw = await readBody(req);
    } catch (err) {
      // A client that aborts mid-body gets no answer anyway; one that sent a malformed stream gets this one.
      if (err instanceof ApiFailure) return { name: err.result, detail: err.detail };
      return { name: 'INVALID_USER_DATA', detail: 'The body could not be read.' };
    }
    try {
      return { name: 'SUCCESS', body: await this.route(req, ip, raw, note) };
    } catch (err) {
      if (err instanceof ApiFailure) {
        if (isAuthFailure(err.result)) {
          const delay = this.throttle.failed(ip);
          if (delay > 0 && !this.stopping) await sleep(delay);
        }
        return { name: err.result, detail: err.detail };
      }
      if (err instanceof SkmError) {
        const name = RESULT_OF_CODE[err.code];
        if (name) return { name, detail: err.message };
      }
      this.options.onInternalError?.(err instanceof Error ? err.name : typeof err);
      return { name: 'INTERNAL_ERROR' };
    }
  }

  private route(req: IncomingMessage, ip: string, raw: Buffer | null, note: { keyId: string | null; action: string }): unknown {
    // The path and query by hand: `new URL` per request costs more than the rest of the routing together.
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const pathname = q < 0 ? target : target.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
    const match = PREFIX.exec(pathname);
    if (!match) throw new ApiFailure('URL_NOT_FOUND');
    const [, version, appKey, rest] = match as unknown as [string, string, string, string];
    if (appKey !== this.options.appKey) throw new ApiFailure('INVALID_APPKEY');
    const socket = req.socket as TLSSocket;
    if (rest === 'confirm' && version === 'v1.0') {
      note.action = 'confirm';
      if (req.method !== 'GET') throw new ApiFailure('METHOD_NOT_ALLOWED');
      const mac = req.headers[MAC_HEADER];
      return {
        clientIp: unwrapIpv4(ip),
        clientMacHeader: typeof mac === 'string' ? mac : null,
        clientSentCertificate: this.peer(socket).certificate !== undefined,
      };
    }
    const found = findRoute(version, req.method ?? '', rest);
    if ('failure' in found) throw new ApiFailure(found.failure);
    const { route, keyId } = found;
    note.action = route.action;
    if (!/^[0-9a-f]{32}$/.test(keyId)) throw new ApiFailure('INVALID_KEY_ID', 'Key ids are 32 lowercase hexadecimal characters.');
    const keys = this.options.keys;
    const doc = this.options.doc();
    const owner = keys.owner(keyId);
    note.keyId = keyId;
    const now = this.options.now();
    if (route.authenticate) {
      const failure = this.auth.check(doc, findKeyStore(doc, owner.keyStoreId), this.client(socket, headerText(req.headers[MAC_HEADER])), now.getTime());
      if (failure) throw new ApiFailure(failure);
    }
    // Counted once the caller has passed (API calls in Detail Key Information say whether clients use the key);
    // refused calls are in the audit trail, with their address.
    keys.usage.count(keyId, now);
    if (owner.type !== route.keyType) throw new ApiFailure('INVALID_KEY_ID', `This key is not ${TYPE_WORDS[route.keyType]}.`);
    let body: unknown = undefined;
    if (route.method === 'POST' && route.body !== 'none') {
      if (!JSON_TYPE.test(req.headers['content-type'] ?? ''))
        throw new ApiFailure('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (Content-Type: application/json).');
      body = parseJson(raw);
    }
    return route.handle({ keyId, body, query, keys });
  }

  private peer(socket: TLSSocket) {
    let peer = this.peers.get(socket);
    if (!peer) {
      peer = { ip: ipv4Number(socket.remoteAddress ?? ''), certificate: socket.getPeerX509Certificate(), mac: null };
      this.peers.set(socket, peer);
    }
    return peer;
  }

  /** The client's facts for this request; the MAC header is parsed again only when it differs from the last one. */
  private client(socket: TLSSocket, macHeader: string | undefined): ClientFacts {
    const peer = this.peer(socket);
    if (macHeader !== peer.macHeader) {
      peer.macHeader = macHeader;
      peer.mac = normaliseMac(macHeader);
    }
    return { ip: peer.ip, mac: peer.mac, certificate: peer.certificate };
  }
}

const TYPE_WORDS = { confidential: 'Confidential Data', symmetric: 'a Symmetric Key', asymmetric: 'an Asymmetric Key' } as const;

const isAuthFailure = (name: ApiResultName): boolean =>
  name === 'IPV4_AUTH_FAILURE' || name === 'MAC_AUTH_FAILURE' || name === 'CERTIFICATE_AUTH_FAILURE' || name === 'INVALID_APPKEY';

/** A header sent twice arrives as a list; that is not one MAC address. */
const headerText = (value: string | string[] | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

function parseJson(raw: Buffer | null): unknown {
  if (raw === null || raw.length === 0) throw new ApiFailure('INVALID_USER_DATA', 'The body is empty; send a JSON object.');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiFailure('INVALID_USER_DATA', 'The body is not valid JSON.');
  }
}

/** The whole body, refusing more than MAX_BODY_BYTES (declared or sent) without buffering it. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.reject(new ApiFailure('REQUEST_TOO_LARGE', 'Bodies are at most 64 KiB.'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        refused = true;
        chunks.length = 0;
        reject(new ApiFailure('REQUEST_TOO_LARGE', 'Bodies are at most 64 KiB.'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(size === 0 ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { contract, eventNames, type Channel } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/errors';
import { createDispatcher } from '../core/bridge';
import type { KeyManager } from '../core/key-manager';
import type { DownloadRegistry } from './downloads';
import { BodyTooLarge, cookieValue, decodePath, decodeUtf8, isMediaType, parseBridgeBody, readBody } from './request';
import { DEFAULT_SESSION_LIMITS, Sessions, type Session, type SessionLimits } from './sessions';

/**
 * Browser host: serves the renderer build and the contract on 127.0.0.1 only. No business logic here.
 *
 * The console lives at a random name under localhost (http://skm-<16 hex>.localhost:<port>), which browsers resolve
 * to loopback; any other Host is refused (DNS rebinding, and other programs' pages on 127.0.0.1 never share its
 * cookies), and so is any other Origin. A single-use, short-lived launch secret is exchanged for a session: an
 * HttpOnly host-only cookie plus a token the page keeps and sends as a header (see sessions.ts).
 */
export interface BrowserHostOptions {
  km: KeyManager;
  port: number;
  rendererDir: string;
  preloadFile: string;
  /** Files handed out through KeyManager's FileSaver (the same registry KeyManager was given). */
  downloads?: DownloadRegistry;
  /** Session and launch-link lifetimes; defaults in DEFAULT_SESSION_LIMITS. */
  limits?: Partial<SessionLimits>;
  /** Milliseconds since the epoch, for session lifetimes (tests move it by hand). */
  now?: () => number;
}

/** A single-use link that starts a console session. `done` settles once it was used or has expired. */
export interface Launch {
  /** For people: open it once, within the launch lifetime. */
  url: string;
  secret: string;
  done: Promise<void>;
}

export interface BrowserHost {
  /** The first launch link (what "Console ready at" prints). */
  url: string;
  /** http://skm-<random>.localhost:<port>, the only origin the host answers. */
  origin: string;
  port: number;
  /** Another single-use launch link (a second browser, or after a session ended). */
  newLaunch(): Launch;
  close(): Promise<void>;
}

export const SESSION_COOKIE = 'skm_session';
/** Request header with the page's session token; on a response, the new token after an unlock. */
export const SESSION_HEADER = 'X-SKM-Session';
// Console inputs are at most 6 MB of file data, which is 8 MB as base64, plus the JSON around it.
const MAX_BODY = 9 * 1024 * 1024;
const MAX_LAUNCH_BODY = 4096;
/** What the Unlock and Create vault screens call: all a session may do after the vault locked. */
// Exactly the channels the contract opens to nobody signed in (permission 'open'): status, create, unlock, Restore
// from backup (offered on the Create vault screen) and the console's preferences (the Unlock screen's language).
const LOCKED_SCREEN_CHANNELS: ReadonlySet<string> = new Set(
  Object.entries(contract)
    .filter(([, spec]) => spec.permission === 'open')
    .map(([name]) => name),
);
const STARTS_SESSION: ReadonlySet<string> = new Set<Channel>(['vault.unlock', 'vault.create']);
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const baseHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...baseHeaders, 'Content-Type': type, ...extra });
  res.end(body);
}

const sendError = (res: ServerResponse, status: number, error: ErrorInfo): void => send(res, status, JSON.stringify({ ok: false, error }), MIME['.json']);

/** The page a launch answers with: it hands the token to the preload, which keeps it and moves on to the console. */
const launchPage = (token: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="skm-session" content="${token}"><title>Secure Key Manager</title>` +
  '<script src="/skm-preload.js"></script></head><body><p>Opening the console…</p></body></html>';

const NO_SESSION = 'Open the console with the address printed when the app started ("Console ready at ..."), or press Enter in that terminal for a new one.';

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { km } = options;
  const dispatch = createDispatcher(km);
  const limits: SessionLimits = { ...DEFAULT_SESSION_LIMITS, ...options.limits };
  const sessions = new Sessions(limits, options.now ?? Date.now);
  const hostName = `skm-${randomBytes(8).toString('hex')}.localhost`;
  /** Event streams and the session each belongs to. */
  const streams = new Map<ServerResponse, string>();
  let port = options.port;
  let origin = '';

  // No Domain (host-only), and no Max-Age: a browser-session cookie, not written to the profile as a lasting one.
  const cookieHeader = (session: Session): string => `${SESSION_COOKIE}=${session.id}; HttpOnly; SameSite=Strict; Path=/`;

  const endStream = (res: ServerResponse): void => {
    streams.delete(res);
    res.end();
  };
  /** Ends the event streams of sessions that no longer exist. */
  const pruneStreams = (): void => {
    for (const [res, id] of streams) if (!sessions.has(id)) endStream(res);
  };
  const sweep = setInterval(
    () => {
      if (sessions.sweep().length > 0) pruneStreams();
    },
    Math.min(60_000, limits.idleMs),
  );
  sweep.unref();

  async function serveStatic(res: ServerResponse, urlPath: string): Promise<void> {
    const root = path.resolve(options.rendererDir);
    const wanted = path.resolve(root, `.${decodePath(urlPath) ?? ''}`);
    const file = wanted === root || !path.extname(wanted) ? path.join(root, 'index.html') : wanted;
    if (!file.startsWith(root + path.sep)) return send(res, 404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'Not found');
    }
    if (file.endsWith('index.html')) {
      // The same build runs in Electron; here the bridge comes from a script instead of a preload.
      body = Buffer.from(body.toString('utf8').replace('<head>', '<head><script src="/skm-preload.js"></script>'));
    }
    send(res, 200, body, MIME[path.extname(file)] ?? 'application/octet-stream');
  }

  function openEventStream(res: ServerResponse, session: Session): void {
    res.writeHead(200, { ...baseHeaders, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.set(res, session.id);
    const keepAlive = setInterval(() => res.writableEnded || res.write(': ping\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  const unsubscribe = eventNames.map((name) =>
    km.events.on(name, (payload) => {
      for (const res of streams.keys()) res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      if (name !== 'vault.locked') return;
      // Locking ends every session's access to the vault; the streams close after telling each page.
      sessions.lockAll();
      options.downloads?.clear();
      for (const res of streams.keys()) endStream(res);
    }),
  );

  /** The launch exchange: a spent, expired or unknown secret starts nothing. */
  async function exchange(req: IncomingMessage, res: ServerResponse, secret: string): Promise<void> {
    const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
    const vaultOpen = (await km.status()).state === 'unlocked';
    const result = sessions.exchange(secret, vaultOpen, cookie);
    if (!result.ok) {
      // The browser that used this link still has its session: back to the console, with nothing new issued.
      if (result.holder && req.method === 'GET') return send(res, 303, '', undefined, { Location: '/' });
      return send(res, 403, result.message);
    }
    pruneStreams();
    send(res, 200, launchPage(result.session.token), MIME['.html'], { 'Set-Cookie': cookieHeader(result.session) });
  }

  async function launchForm(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isMediaType(req.headers['content-type'], 'application/x-www-form-urlencoded'))
      return send(res, 415, 'Send the launch form as application/x-www-form-urlencoded.');
    let bytes: Buffer;
    try {
      bytes = await readBody(req, MAX_LAUNCH_BODY);
    } catch (err) {
      if (err instanceof BodyTooLarge) return send(res, 413, 'The launch form is too large.');
      throw err;
    }
    const text = decodeUtf8(bytes);
    if (!text.ok) return send(res, 400, text.message);
    return exchange(req, res, new URLSearchParams(text.text).get('secret') ?? '');
  }

  async function bridge(req: IncomingMessage, res: ServerResponse, session: Session, channel: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'Use POST.');
    if (!session.open && !LOCKED_SCREEN_CHANNELS.has(channel)) {
      return sendError(res, 403, {
        code: 'SESSION_LOCKED',
        message: 'The vault was locked, which ended this console session. Unlock the vault in this window to start a new one.',
      });
    }
    // A JSON content type cannot be sent cross-site without a preflight, which we never grant.
    if (!isMediaType(req.headers['content-type'], 'application/json')) {
      return send(res, 415, 'Send the body as Content-Type: application/json (optionally with "; charset=utf-8").');
    }
    let bytes: Buffer;
    try {
      bytes = await readBody(req, MAX_BODY);
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendError(res, 413, { code: 'VALIDATION_FAILED', message: 'The request is too large: inputs are at most 6 MB.' });
      throw err;
    }
    const body = parseBridgeBody(bytes);
    if (!body.ok) return sendError(res, 400, { code: 'VALIDATION_FAILED', message: body.message });
    const result = await dispatch(channel, body.input);
    const extra: Record<string, string> = {};
    if (result.ok && STARTS_SESSION.has(channel)) {
      // Whatever was captured before this unlock (cookie or token) gives nothing from here on.
      const fresh = sessions.rotate(session);
      if (fresh) {
        pruneStreams();
        Object.assign(extra, { 'Set-Cookie': cookieHeader(fresh), [SESSION_HEADER]: fresh.token });
      }
    }
    return send(res, 200, JSON.stringify(result), MIME['.json'], extra);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Never name the console's address here: the random host name is part of what keeps other pages out.
    if (req.headers.host !== `${hostName}:${port}`) return send(res, 421, 'Refused: this console only answers at the address printed when the app started.');
    const url = new URL(req.url ?? '/', origin);
    const launchPost = req.method === 'POST' && url.pathname === '/session';
    // The launcher file the desktop opens is a file:// page, whose form posts carry "Origin: null".
    const fromOrigin = req.headers.origin;
    if (fromOrigin !== undefined && fromOrigin !== origin && !(launchPost && fromOrigin === 'null'))
      return send(res, 403, 'Refused: request from another site.');
    if (decodePath(url.pathname) === null)
      return send(res, 400, 'The address has a malformed % escape (a % must be followed by two hexadecimal digits that form UTF-8 text).');

    if (launchPost) return launchForm(req, res);
    if (req.method === 'GET' && url.pathname.startsWith('/session/')) return exchange(req, res, url.pathname.slice('/session/'.length));
    // The preload is the same public script for everyone and holds nothing secret; the launch page needs it first.
    if (req.method === 'GET' && url.pathname === '/skm-preload.js') return send(res, 200, await readFile(options.preloadFile), MIME['.js']);

    const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
    const isBridge = url.pathname.startsWith('/bridge/');
    if (isBridge || url.pathname === '/events' || url.pathname.startsWith('/download/')) {
      const header = req.headers[SESSION_HEADER.toLowerCase()];
      const checked = sessions.check(cookie, typeof header === 'string' ? header : undefined);
      if (!checked.ok) {
        pruneStreams();
        return isBridge ? sendError(res, checked.status, { code: checked.code, message: checked.message }) : send(res, checked.status, checked.message);
      }
      const { session } = checked;
      if (isBridge) return bridge(req, res, session, decodePath(url.pathname.slice('/bridge/'.length))!);
      if (req.method !== 'GET') return send(res, 405, 'Use GET.');
      if (!session.open) return send(res, 403, 'The vault is locked. Unlock it in this window first.');
      if (url.pathname === '/events') return openEventStream(res, session);
      const file = options.downloads?.take(url.pathname.slice('/download/'.length));
      if (!file) return send(res, 410, 'This download has expired or was already fetched. Start it again from the console.');
      const name = file.suggestedName.replace(/[^\x20-\x7e]|["\\]/g, '_'); // plain-ASCII fallback name
      return send(res, 200, file.bytes, file.mime, {
        'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(file.suggestedName)}`,
      });
    }
    // Pages and assets: the cookie is enough (a navigation cannot carry the token); they hold no data.
    if (!sessions.current(cookie)) return send(res, 401, NO_SESSION);
    if (req.method === 'GET') return serveStatic(res, url.pathname);
    send(res, 405, 'Method not allowed');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://${hostName}:${port}`;

  const newLaunch = (): Launch => {
    const { secret, done } = sessions.newLaunch();
    return { secret, done, url: `${origin}/session/${secret}` };
  };

  return {
    port,
    origin,
    url: newLaunch().url,
    newLaunch,
    async close() {
      clearInterval(sweep);
      unsubscribe.forEach((off) => off());
      sessions.clear();
      options.downloads?.clear();
      for (const res of streams.keys()) endStream(res);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

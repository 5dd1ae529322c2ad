import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { eventNames } from '../../shared/contract';
import { createDispatcher } from '../core/bridge';
import type { KeyManager } from '../core/key-manager';
import type { DownloadRegistry } from './downloads';

/**
 * Browser host: serves the renderer build and the contract on 127.0.0.1 only. No business logic here.
 * A per-launch secret in the printed URL is exchanged for an HttpOnly SameSite=Strict cookie; requests
 * with a foreign Host (DNS rebinding) or Origin (other sites) are refused.
 */
export interface BrowserHostOptions {
  km: KeyManager;
  port: number;
  rendererDir: string;
  preloadFile: string;
  /** Files handed out through KeyManager's FileSaver (the same registry KeyManager was given). */
  downloads?: DownloadRegistry;
}

export interface BrowserHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const COOKIE = 'skm_session';
// Console inputs are at most 6 MB of file data, which is 8 MB as base64, plus the JSON around it.
const MAX_BODY = 9 * 1024 * 1024;
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

const equalSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

class BodyTooLarge extends Error {}

/** Reads the body; past MAX_BODY it keeps draining (so the client gets an answer) but stops keeping bytes. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { km } = options;
  const dispatch = createDispatcher(km);
  const launchSecret = randomBytes(32).toString('base64url');
  const sessions = new Set<string>();
  const streams = new Set<ServerResponse>();
  let port = options.port;

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);

  const hasSession = (req: IncomingMessage): boolean => {
    const cookie = req.headers.cookie ?? '';
    const token = cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1);
    return token !== undefined && sessions.has(token);
  };

  async function serveStatic(res: ServerResponse, urlPath: string): Promise<void> {
    if (urlPath === '/skm-preload.js') {
      return send(res, 200, await readFile(options.preloadFile), MIME['.js']);
    }
    const root = path.resolve(options.rendererDir);
    const wanted = path.resolve(root, `.${decodeURIComponent(urlPath)}`);
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

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { ...baseHeaders, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  const unsubscribe = eventNames.map((name) =>
    km.events.on(name, (payload) => {
      for (const res of streams) res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    }),
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(req.headers.host ?? '')) return send(res, 421, 'Refused: this console only answers on 127.0.0.1.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) return send(res, 403, 'Refused: request from another site.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (req.method === 'GET' && url.pathname.startsWith('/session/')) {
      if (!equalSecret(url.pathname.slice('/session/'.length), launchSecret)) return send(res, 403, 'This console link is not valid. Use the address printed when the app started.');
      const token = randomBytes(32).toString('base64url');
      sessions.add(token);
      res.writeHead(303, { ...baseHeaders, Location: '/', 'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` });
      return void res.end();
    }
    if (!hasSession(req)) return send(res, 401, 'Open the console with the address printed when the app started ("Console ready at ...").');

    if (url.pathname.startsWith('/bridge/')) {
      if (req.method !== 'POST') return send(res, 405, 'Use POST.');
      // A JSON content type cannot be sent cross-site without a preflight, which we never grant.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Send application/json.');
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? (JSON.parse(body) as { input?: unknown }).input : undefined;
      } catch (err) {
        const message = err instanceof BodyTooLarge ? 'The request is too large: inputs are at most 6 MB.' : 'The request body is not valid JSON.';
        return send(res, err instanceof BodyTooLarge ? 413 : 400, JSON.stringify({ ok: false, error: { code: 'VALIDATION_FAILED', message } }), MIME['.json']);
      }
      const result = await dispatch(decodeURIComponent(url.pathname.slice('/bridge/'.length)), input);
      return send(res, 200, JSON.stringify(result), MIME['.json']);
    }
    if (req.method === 'GET' && url.pathname === '/events') return openEventStream(res);
    if (req.method === 'GET' && url.pathname.startsWith('/download/')) {
      const file = options.downloads?.take(url.pathname.slice('/download/'.length));
      if (!file) return send(res, 410, 'This download has expired or was already fetched. Start it again from the console.');
      const name = file.suggestedName.replace(/[^\x20-\x7e]|["\\]/g, '_'); // plain-ASCII fallback name
      return send(res, 200, file.bytes, file.mime, { 'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(file.suggestedName)}` });
    }
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

  return {
    port,
    url: `http://127.0.0.1:${port}/session/${launchSecret}`,
    async close() {
      unsubscribe.forEach((off) => off());
      options.downloads?.clear();
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

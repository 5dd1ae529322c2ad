import { request, type IncomingHttpHeaders } from 'node:http';
import type { BrowserHost } from '../../main/browser/server';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A plain Node request to 127.0.0.1 (no browser, no Origin unless given), with the console's Host unless given. */
export function send(h: BrowserHost, pathname: string, headers: Record<string, string> = {}, method = 'GET', body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: h.port, path: pathname, method, agent: false, headers: { Host: new URL(h.origin).host, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

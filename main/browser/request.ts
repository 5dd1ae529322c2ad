import type { IncomingMessage } from 'node:http';

/** Reading and checking request bodies for the browser host: strict about what it accepts, and says why in words. */

export class BodyTooLarge extends Error {}

/** Reads the body; past `max` it keeps draining (so the client gets an answer) but stops keeping bytes. */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => (size > max ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/**
 * True when a Content-Type header names exactly `type`, with at most a `charset=utf-8` parameter
 * (`application/jsonfoo` or `application/json; charset=latin1` are not JSON to us).
 */
export function isMediaType(header: string | undefined, type: string): boolean {
  if (header === undefined) return false;
  const [essence, ...params] = header.split(';');
  if (essence!.trim().toLowerCase() !== type) return false;
  return params.every((param) => {
    const eq = param.indexOf('=');
    if (eq < 0) return param.trim() === '' && params.length === 1;
    const name = param.slice(0, eq).trim().toLowerCase();
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    return name === 'charset' && (value === 'utf-8' || value === 'utf8');
  });
}

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

export function decodeUtf8(bytes: Buffer): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: 'The request body is not valid UTF-8 text. Send the JSON encoded as UTF-8.' };
  }
}

export type BridgeBody = { ok: true; input: unknown } | { ok: false; message: string };

const SHAPE = 'The request body must be a JSON object of the form { "input": ... }';

/** The bridge's body: `{ "input": ... }` as UTF-8 JSON. An empty body is a call without input. */
export function parseBridgeBody(bytes: Buffer): BridgeBody {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return decoded;
  if (decoded.text === '') return { ok: true, input: undefined };
  let body: unknown;
  try {
    body = JSON.parse(decoded.text);
  } catch {
    return { ok: false, message: 'The request body is not valid JSON.' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const found = body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`;
    return { ok: false, message: `${SHAPE}; ${found} was found.` };
  }
  return { ok: true, input: (body as { input?: unknown }).input };
}

/** decodeURIComponent that answers null for a malformed % escape instead of throwing. */
export function decodePath(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

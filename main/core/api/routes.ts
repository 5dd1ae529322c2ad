import { createPrivateKey, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { MAX_CONFIDENTIAL_BYTES } from '../../../shared/domain';
import type { KeyService } from '../keys/key-service';
import type { KeyRecord } from '../vault/document';
import { ApiFailure } from './results';

/**
 * The cloud product's v1.0 paths (and v1.1's symmetric-key with a version), after `/keymanager/v1.x/appkey/{appkey}/`.
 * Each route names the key type it serves and whether the caller must pass its key store's client authentication
 * (every route that touches a key does, except publicKey, as in the cloud product).
 */
export interface Call {
  keyId: string;
  body: unknown;
  query: URLSearchParams;
  keys: KeyService;
}

export interface Route {
  /** What the audit trail calls it: api.<action>. */
  action: string;
  method: 'GET' | 'POST';
  /** `{keyid}` is the one parameter. */
  path: RegExp;
  versions: readonly ('v1.0' | 'v1.1')[];
  keyType: KeyRecord['type'];
  authenticate: boolean;
  /** POST routes that take a JSON body (create-local-key takes none, as in the cloud product). */
  body?: 'json' | 'none';
  handle(call: Call): unknown;
}

/** Plaintexts are at most 32 KB, as in the cloud product (counted in UTF-8 bytes). */
const Plaintext = z
  .string({ error: 'plaintext must be text.' })
  .max(MAX_CONFIDENTIAL_BYTES, 'plaintext is at most 32 KB.')
  .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_CONFIDENTIAL_BYTES, 'plaintext is at most 32 KB.');
const Sealed = (field: string) =>
  z
    .string({ error: `${field} must be text.` })
    .min(1, `${field} is empty.`)
    .max(64 * 1024, `${field} is too long.`);

const EncryptBody = z.strictObject({ plaintext: Plaintext });
const DecryptBody = z.strictObject({ ciphertext: Sealed('ciphertext') });
const SignBody = z.strictObject({ plaintext: Plaintext });
const VerifyBody = z.strictObject({ plaintext: Plaintext, signature: Sealed('signature') });

/** Parse a body with its schema; a refusal names the field and never echoes the value. */
function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.');
  // zod leaves the value out of its issues: whether a field was sent at all is read from the body itself.
  const sent = field !== undefined && field !== '' && typeof body === 'object' && body !== null && Object.hasOwn(body, field);
  const words =
    issue?.code === 'unrecognized_keys'
      ? `Unknown field ${issue.keys.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}.`
      : issue?.code === 'invalid_type' && !field
        ? 'The body must be a JSON object.'
        : issue?.code === 'invalid_type' && !sent
          ? `${field} is required.`
          : (issue?.message ?? 'The body is not accepted.');
  throw new ApiFailure('INVALID_USER_DATA', words);
}

/** `?keyVersion=N`: a positive whole number, or absent for the current version. */
function keyVersion(query: URLSearchParams): number | undefined {
  const text = query.get('keyVersion');
  if (text === null) return undefined;
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new ApiFailure('INVALID_USER_DATA', 'keyVersion is a positive whole number.');
  return Number(text);
}

/** `0x1A, 0x2B, ...`: the same form Import Key takes, so an exported key can be imported as it is. */
const hexList = (bytes: Buffer): string => [...bytes].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(', ');

function exportedKey(keyType: 'PublicKey' | 'PrivateKey', pem: string, version: number) {
  const der = keyType === 'PublicKey' ? createPublicKey(pem).export({ type: 'spki', format: 'der' }) : exportPkcs8(pem);
  return { keyType, key: pem, encodedKey: der.toString('base64'), keyVersion: version };
}

function exportPkcs8(pem: string): Buffer {
  const bytes = Buffer.from(pem, 'utf8');
  try {
    return createPrivateKey({ key: bytes, format: 'pem' }).export({ type: 'pkcs8', format: 'der' });
  } finally {
    bytes.fill(0);
  }
}

const KEY_ID = '([^/]+)';

export const ROUTES: readonly Route[] = [
  {
    action: 'secret',
    method: 'GET',
    path: new RegExp(`^secrets/${KEY_ID}$`),
    versions: ['v1.0'],
    keyType: 'confidential',
    authenticate: true,
    handle: ({ keyId, keys }) => ({ secret: keys.reveal(keyId).data }),
  },
  {
    action: 'encrypt',
    method: 'POST',
    path: new RegExp(`^symmetric-keys/${KEY_ID}/encrypt$`),
    versions: ['v1.0'],
    keyType: 'symmetric',
    authenticate: true,
    handle: ({ keyId, body, keys }) => {
      const { plaintext } = parse(EncryptBody, body);
      const { ciphertext, version } = keys.encrypt(keyId, { data: plaintext, encoding: 'utf8' });
      return { ciphertext, keyVersion: version };
    },
  },
  {
    action: 'decrypt',
    method: 'POST',
    path: new RegExp(`^symmetric-keys/${KEY_ID}/decrypt$`),
    versions: ['v1.0'],
    keyType: 'symmetric',
    authenticate: true,
    handle: ({ keyId, body, keys }) => {
      const { ciphertext } = parse(DecryptBody, body);
      const { text, version } = keys.decrypt(keyId, ciphertext);
      if (text === null) {
        throw new ApiFailure('INVALID_USER_DATA', 'The plaintext is binary data; this call returns text only. Decrypt it in the console.');
      }
      return { plaintext: text, keyVersion: version };
    },
  },
  {
    action: 'createLocalKey',
    method: 'POST',
    path: new RegExp(`^symmetric-keys/${KEY_ID}/create-local-key$`),
    versions: ['v1.0'],
    keyType: 'symmetric',
    authenticate: true,
    body: 'none',
    handle: ({ keyId, keys }) => {
      const { plaintext, ciphertext, version } = keys.dataKey(keyId);
      return { localKeyPlaintext: plaintext, localKeyCiphertext: ciphertext, keyVersion: version };
    },
  },
  {
    action: 'symmetricKey',
    method: 'GET',
    path: new RegExp(`^symmetric-keys/${KEY_ID}/symmetric-key$`),
    versions: ['v1.0', 'v1.1'],
    keyType: 'symmetric',
    authenticate: true,
    handle: ({ keyId, query, keys }) => {
      const { key, version } = keys.exportSymmetric(keyId, keyVersion(query));
      try {
        return { symmetricKey: hexList(key), keyVersion: version };
      } finally {
        key.fill(0);
      }
    },
  },
  {
    action: 'sign',
    method: 'POST',
    path: new RegExp(`^asymmetric-keys/${KEY_ID}/sign$`),
    versions: ['v1.0'],
    keyType: 'asymmetric',
    authenticate: true,
    handle: ({ keyId, body, keys }) => {
      const { plaintext } = parse(SignBody, body);
      const { signature, version } = keys.sign(keyId, { data: plaintext, encoding: 'utf8' }, 'pss');
      return { signature, keyVersion: version };
    },
  },
  {
    action: 'verify',
    method: 'POST',
    path: new RegExp(`^asymmetric-keys/${KEY_ID}/verify$`),
    versions: ['v1.0'],
    keyType: 'asymmetric',
    authenticate: true,
    handle: ({ keyId, body, keys }) => {
      const { plaintext, signature } = parse(VerifyBody, body);
      const { valid, version } = keys.check(keyId, { data: plaintext, encoding: 'utf8' }, signature, 'pss');
      return { result: valid, keyVersion: version };
    },
  },
  {
    action: 'publicKey',
    method: 'GET',
    path: new RegExp(`^asymmetric-keys/${KEY_ID}/publicKey$`),
    versions: ['v1.0'],
    keyType: 'asymmetric',
    authenticate: false,
    handle: ({ keyId, query, keys }) => {
      keys.assertUsable(keyId, 'asymmetric', 'Export public key');
      const { pem, version } = keys.publicKey(keyId, keyVersion(query));
      return exportedKey('PublicKey', pem, version);
    },
  },
  {
    action: 'privateKey',
    method: 'GET',
    path: new RegExp(`^asymmetric-keys/${KEY_ID}/privateKey$`),
    versions: ['v1.0'],
    keyType: 'asymmetric',
    authenticate: true,
    handle: ({ keyId, query, keys }) => {
      const { pem, version } = keys.exportPrivateKey(keyId, keyVersion(query));
      return exportedKey('PrivateKey', pem, version);
    },
  },
];

/** The route for a method and a path after the app key, or why there is none. */
export function findRoute(
  version: string,
  method: string,
  rest: string,
): { route: Route; keyId: string } | { failure: 'URL_NOT_FOUND' | 'METHOD_NOT_ALLOWED' } {
  let pathMatched = false;
  for (const route of ROUTES) {
    if (!route.versions.includes(version as 'v1.0')) continue;
    const match = route.path.exec(rest);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    try {
      return { route, keyId: decodeURIComponent(match[1]!) };
    } catch {
      return { failure: 'URL_NOT_FOUND' }; // a malformed %-escape
    }
  }
  return { failure: pathMatched ? 'METHOD_NOT_ALLOWED' : 'URL_NOT_FOUND' };
}

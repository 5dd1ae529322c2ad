import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationError } from '../../main/core/bridge';
import { channels, contract, type Channel } from '../../shared/contract';
import { fieldLabel, refusalMessage } from '../../shared/domain';
import { newManager } from './helpers';
import { placeholderFixture, validInputs } from './validation-fixture';
import { objectShapes, unwrap } from './schema-walk';

/**
 * Refusals speak the app's words: every field of every channel, fed wrong types, left out, or joined by unknown
 * fields, is answered with a message that names the field (or the unknown field), never with zod's defaults.
 */
const ZOD_DEFAULT = /^(Invalid|Expected|Unrecognized|Required|Too small|Too big|String must|Number must|Array must)\b/;
const WRONG: unknown[] = [42, -1.5, NaN, Infinity, 'text', '', true, null, [], [1], {}, { a: 1 }, 10n, new Date(0)];

/** Wrong inputs for a channel: whole-input wrong types, then for each field missing, wrong types and unknown neighbours. */
function wrongInputs(channel: Channel): unknown[] {
  const inputs: unknown[] = [...WRONG, undefined];
  const samples = validInputs(placeholderFixture)[channel] ?? [];
  const bases: Record<string, unknown>[] = samples.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null);
  for (const shape of objectShapes(contract[channel].input)) {
    // Without samples (a channel added later), the discriminator alone makes the base.
    const literal = Object.entries(shape).find(([, s]) => unwrap(s).type === 'literal');
    bases.push(literal ? { [literal[0]]: (unwrap(literal[1]).values as unknown[])[0] } : {});
    for (const base of bases) {
      for (const key of Object.keys(shape)) {
        const { [key]: _left, ...without } = base;
        inputs.push(without);
        for (const w of WRONG) inputs.push({ ...base, [key]: w });
        const nested = base[key];
        if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
          for (const inner of Object.keys(nested)) for (const w of WRONG) inputs.push({ ...base, [key]: { ...nested, [inner]: w } });
          inputs.push({ ...base, [key]: { ...nested, extra: 1 } });
        }
      }
      inputs.push(
        { ...base, foo: 1 },
        { ...base, Name: 'x', __proto__: null },
        JSON.parse(`{"__proto__": 1${Object.keys(base).length > 0 ? ',' : ''} ${JSON.stringify(base).slice(1)}`),
      );
    }
  }
  return inputs;
}

const labelOf = (path: PropertyKey[]) => fieldLabel(path).replace(/ \(item \d+\)$/, '');

describe('refusal messages', () => {
  it.each(channels)('%s: answers wrong types, missing and unknown fields in words that name the field', (channel) => {
    let refused = 0;
    for (const input of wrongInputs(channel)) {
      const result = contract[channel].input.safeParse(input);
      if (result.success) continue;
      refused += 1;
      for (const issue of result.error.issues) {
        const where = `${channel} ${JSON.stringify(input, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))} at "${issue.path.join('.')}"`;
        expect(issue.message, where).not.toMatch(ZOD_DEFAULT);
        expect(issue.message, where).toMatch(/^\p{Lu}.*[.)]$/u);
      }
      // What the dispatcher answers: the first issue, with the field it is about.
      const info = validationError(result.error);
      const issue = result.error.issues[0]!;
      const where = `${channel} ${String(JSON.stringify(input, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)))}`;
      if (issue.path.length > 0) {
        expect(info.field, where).toBe(issue.path.join('.'));
        // The message names the field in words, or says what to type ("Enter a name.") for a field the form shows.
        const label = labelOf(issue.path).toLowerCase();
        const noun = label.split(' ').pop()!.replace(/s$/, ''); // "new passphrase" is named by "Passphrases are at least 12 characters."
        const named = info.message.toLowerCase().includes(label) || info.message.toLowerCase().includes(noun);
        expect(named || /^(Enter|Choose|Paste|Type|The) /.test(info.message), `${where}: ${info.message}`).toBe(true);
      } else {
        expect(info.message, where).toMatch(/^(This request takes|Unknown fields? ")/);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it.each([
    ['keystores.create', { name: 42, authMethods: ['ipv4'] }, 'Name must be text.', 'name'],
    ['keystores.create', { authMethods: ['ipv4'] }, 'Name is required.', 'name'],
    [
      'keystores.create',
      { name: 'Payments', authMethods: ['ipv4'], foo: 1 },
      'Unknown field "foo": this request takes name, description, authMethods, authMode.',
      undefined,
    ],
    ['keystores.create', { name: 'Payments', authMethods: 'ipv4' }, 'Authentication methods must be a list.', 'authMethods'],
    [
      'keystores.create',
      { name: 'Payments', authMethods: ['ssh'] },
      'Authentication methods (item 1) must be one of "ipv4", "mac", "certificate".',
      'authMethods.0',
    ],
    [
      'keys.create',
      { type: 'symmetric', keyStoreId: '0'.repeat(32), name: 'k', rotationCycleDays: 'monthly' },
      'Rotation cycle must be a whole number of days.',
      'rotationCycleDays',
    ],
    [
      'keys.create',
      { type: 'symmetric', keyStoreId: '0'.repeat(32), name: 'k', rotationCycleDays: 30.5 },
      'Rotation cycle must be a whole number of days.',
      'rotationCycleDays',
    ],
    ['keys.create', { type: 'hmac', keyStoreId: '0'.repeat(32), name: 'k' }, 'Key type must be confidential, symmetric or asymmetric.', 'type'],
    ['keys.create', { keyStoreId: '0'.repeat(32), name: 'k' }, 'Key type must be confidential, symmetric or asymmetric.', 'type'],
    ['keys.create', { type: 'symmetric', keyStoreId: 'ABC', name: 'k' }, 'Key store id must be 32 lowercase hexadecimal characters.', 'keyStoreId'],
    [
      'keys.create',
      { type: 'symmetric', keyStoreId: '0'.repeat(32), name: 'k', data: 'x' },
      'Unknown field "data": this request takes type, keyStoreId, name, description, rotationCycleDays.',
      undefined,
    ],
    ['keys.get', {}, 'Key id is required.', 'keyId'],
    ['keys.get', null, 'This request takes an object with keyId.', undefined],
    ['keys.encrypt', { keyId: '0'.repeat(32), payload: 'hello' }, 'Payload must be an object with data, encoding.', 'payload'],
    ['keys.encrypt', { keyId: '0'.repeat(32), payload: { data: 'x', encoding: 'hex' } }, 'Encoding must be one of "utf8", "base64".', 'payload.encoding'],
    ['keys.encrypt', { keyId: '0'.repeat(32), payload: { data: 'x', mime: 'text/plain' } }, 'Unknown field "mime": Payload takes data, encoding.', 'payload'],
    ['keys.publicKey', { keyId: '0'.repeat(32), version: 0 }, 'Version is at least 1.', 'version'],
    ['keys.decrypt', { keyId: '0'.repeat(32), ciphertext: 7 }, 'Ciphertext must be text.', 'ciphertext'],
    ['auth.list', { keyStoreId: '0'.repeat(32), kind: 'ssh' }, 'Kind must be one of "ipv4", "mac", "certificate".', 'kind'],
    ['settings.update', { autoLockMinutes: '5' }, 'Auto-lock must be a whole number of minutes.', 'autoLockMinutes'],
    ['vault.lock', { now: true }, 'This request takes no input.', undefined],
    ['vault.unlock', { username: 'admin' }, 'Passphrase is required.', 'passphrase'],
  ] as const)('%s %j: %s', (channel, input, message, field) => {
    const result = contract[channel].input.safeParse(input);
    expect(result.success).toBe(false);
    expect(validationError(result.error!)).toEqual({ code: 'VALIDATION_FAILED', message, ...(field ? { field } : {}) });
  });

  it('never quotes the value that was sent, only field names, and keeps unknown names short', () => {
    const secret = 'correct horse battery staple';
    const result = contract['keys.encrypt'].input.safeParse({ keyId: secret, payload: { data: 5 }, [`${'k'.repeat(500)}`]: secret });
    const text = result.error!.issues.map((i) => i.message).join('\n');
    expect(text).not.toContain(secret);
    expect(text).toContain(`"${'k'.repeat(40)}…"`);
    expect(text).not.toContain('k'.repeat(41));
  });

  it('names fields of channels added later from their keys', () => {
    expect(fieldLabel(['memberId'])).toBe('Member id');
    expect(fieldLabel(['approval_note'])).toBe('Approval note');
    expect(fieldLabel(['roles', 2])).toBe('Roles (item 3)');
    expect(fieldLabel(['constructor'])).toBe('Constructor');
    expect(fieldLabel([])).toBe('This request');
    expect(refusalMessage({ code: 'invalid_type', expected: 'string', input: 5, path: ['memberId'] } as never)).toBe('Member id must be text.');
  });

  it("keeps zod's own words from the answer even for a schema that escaped the app's wording", () => {
    const escaped = z.strictObject({ memberId: z.string({ error: () => 'Invalid input: expected string, received number' }) }).safeParse({ memberId: 1 });
    expect(validationError(escaped.error!)).toEqual({ code: 'VALIDATION_FAILED', message: 'Member id is not accepted.', field: 'memberId' });
  });

  it('reaches the dispatcher: a refused call on any channel answers in words', async () => {
    const { dispatch } = await newManager();
    for (const channel of channels) {
      for (const input of [42, { unexpected: true }]) {
        const result = await dispatch(channel, input);
        expect(result, channel).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
        if (!result.ok) expect(result.error.message, channel).not.toMatch(ZOD_DEFAULT);
      }
    }
  });
});

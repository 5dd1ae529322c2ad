import { describe, expect, it } from 'vitest';
import { validationError } from '../../main/core/bridge';
import { contract } from '../../shared/contract';
import { SkmError } from '../../shared/errors';
import { caller, newManager, unlockedManager } from './helpers';

/**
 * Issue 12 item 7: a refused form shows every invalid field at once. The dispatcher answers the first issue as
 * `field` / `message` (what callers showing one message read) and, when more than one field was refused, each
 * field's first message in `fields`.
 */
describe('all errors at once', () => {
  it('empty Add Certificates names the name, the password and its confirmation together', async () => {
    const { dispatch } = await unlockedManager();
    const call = caller(dispatch);
    const store = await call('keystores.create', { name: 'Gateway', authMethods: ['certificate'] });
    const result = await dispatch('auth.addCertificate', {
      keyStoreId: store.id,
      name: '',
      password: '',
      confirmPassword: '',
      description: '',
      validFrom: '2030-01-01',
      validTo: '2031-01-01',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Enter a name.',
        field: 'name',
        fields: {
          name: 'Enter a name.',
          password: 'Certificate passwords are at least 12 characters.',
          confirmPassword: 'Type the password again to confirm it.',
        },
      },
    });
  });

  it('keeps one message per field (the first), in the order the schema checks them', () => {
    const parsed = contract['vault.create'].input.safeParse({ username: '', passphrase: 'short', confirmPassphrase: '' });
    expect(parsed.success).toBe(false);
    expect(validationError(parsed.error!)).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Enter a username.',
      field: 'username',
      fields: {
        username: 'Enter a username.',
        passphrase: 'Passphrases are at least 12 characters.',
        confirmPassphrase: 'Type the passphrase again to confirm it.',
      },
    });
  });

  it('answers a single refused field as before, without `fields`', () => {
    const parsed = contract['keystores.create'].input.safeParse({ name: '', authMethods: ['ipv4'] });
    expect(validationError(parsed.error!)).toEqual({ code: 'VALIDATION_FAILED', message: 'Enter a name.', field: 'name' });
  });

  it('names nested fields by their path and leaves whole-input refusals without fields', () => {
    const nested = contract['keys.encrypt'].input.safeParse({ keyId: 'nope', payload: { data: 5, encoding: 'hex' } });
    const info = validationError(nested.error!);
    expect(info.field).toBe('keyId');
    expect(info.fields).toEqual({
      keyId: 'Key id must be 32 lowercase hexadecimal characters.',
      'payload.data': expect.stringMatching(/^Data /),
      'payload.encoding': 'Encoding must be one of "utf8", "base64".',
    });
    const whole = contract['keys.get'].input.safeParse(null);
    expect(validationError(whole.error!)).toEqual({ code: 'VALIDATION_FAILED', message: 'This request takes an object with keyId.' });
  });

  it('never repeats a value that was typed, in any of the messages', async () => {
    const { dispatch } = await newManager();
    const secret = 'x'.repeat(2000);
    const result = await dispatch('vault.create', { username: secret, passphrase: secret, confirmPassphrase: `${secret}!` });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('xxxxxxxx');
  });

  it('a service refusal carries its fields across as ErrorInfo (SkmError.toInfo)', () => {
    const err = new SkmError('VALIDATION_FAILED', 'Enter a name.', 'input.name', { 'input.name': 'Enter a name.', 'input.password': 'Too short.' });
    expect(err.toInfo()).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Enter a name.',
      field: 'input.name',
      fields: { 'input.name': 'Enter a name.', 'input.password': 'Too short.' },
    });
    expect(new SkmError('KEY_NOT_FOUND', 'No such key.').toInfo()).toEqual({ code: 'KEY_NOT_FOUND', message: 'No such key.' });
  });

  it('Change passphrase left empty names all three fields', async () => {
    const { dispatch } = await unlockedManager();
    const result = await dispatch('vault.changePassphrase', { currentPassphrase: '', newPassphrase: '', confirmPassphrase: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.error.fields ?? {})).toEqual(['currentPassphrase', 'newPassphrase', 'confirmPassphrase']);
  });
});

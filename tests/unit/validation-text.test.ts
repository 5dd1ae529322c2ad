import { describe, expect, it } from 'vitest';
import { channels, contract } from '../../shared/contract';
import { Description, Name, Username, hasVisibleCharacter, isWellFormedText } from '../../shared/domain';
import { caller, unlockedManager } from './helpers';
import { placeholderFixture, validInputs } from './validation-fixture';

/**
 * Text inputs: well-formed Unicode everywhere, names that show something, no control characters where they would
 * hide or reorder what people read — and every script still welcome.
 */

type Leaf = { path: (string | number)[]; schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } } };
type Def = Record<string, unknown> & { type: string };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Every string schema inside a channel's input, with where it sits. */
function stringLeaves(schema: unknown, path: (string | number)[] = []): Leaf[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return [{ path, schema: schema as Leaf['schema'] }];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, s]) => stringLeaves(s, [...path, k]));
    case 'union':
      return (def.options as unknown[]).flatMap((o) => stringLeaves(o, path));
    case 'intersection':
      return [...stringLeaves(def.left, path), ...stringLeaves(def.right, path)];
    case 'pipe':
      return [...stringLeaves(def.in, path), ...stringLeaves(def.out, path)];
    case 'array':
      return stringLeaves(def.element, [...path, 0]);
    case 'tuple':
      return (def.items as unknown[]).flatMap((s, i) => stringLeaves(s, [...path, i]));
    case 'record':
      return stringLeaves(def.valueType, [...path, '*']);
    case 'lazy':
      return stringLeaves((def.getter as () => unknown)(), path);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return stringLeaves(def.innerType, path);
    default:
      return [];
  }
}

const SURROGATE_PROBES = ['abcdefghijklmnopqrstuvwxyz0123\ud800', '\udc00abcdefghijklmnopqrstuvwxyz0123', 'abcdefghijklmn\ud83dopqrstuvwxyz0123', '\ud800'];
const leavesOf = (channel: (typeof channels)[number]) =>
  stringLeaves(contract[channel].input).map((leaf) => ({ ...leaf, where: `${channel} ${leaf.path.join('.')}` }));

describe('lone UTF-16 surrogates', () => {
  it('are found by the shared check, which leaves proper pairs alone', () => {
    expect(['\ud800', 'a\udfff', '\udc00\ud800', 'x\ud83d'].map(isWellFormedText)).toEqual([false, false, false, false]);
    expect(['', 'abc', '😀', '키 저장소', '\ud83d\ude00'].map(isWellFormedText)).toEqual([true, true, true, true, true]);
  });

  it('the walk below finds the text fields of the contract', () => {
    const found = channels.flatMap(leavesOf).map((l) => l.where);
    expect(found).toEqual(
      expect.arrayContaining([
        'keystores.create name',
        'keys.create data',
        'keys.encrypt payload.data',
        'vault.unlock passphrase',
        'keys.decrypt ciphertext',
        'auth.addIpv4 address',
        'keys.deleteNow confirmName',
      ]),
    );
  });

  it.each(channels)('%s: every text field refuses them', (channel) => {
    for (const leaf of leavesOf(channel)) {
      for (const probe of SURROGATE_PROBES) {
        expect(leaf.schema.safeParse(probe).success, `${leaf.where} accepted ${JSON.stringify(probe)}`).toBe(false);
      }
    }
  });

  it.each(channels)('%s: a valid input with a lone surrogate in any text field is refused at that field', (channel) => {
    const samples = validInputs(placeholderFixture)[channel] ?? [];
    for (const sample of samples) {
      expect(contract[channel].input.safeParse(sample).success, `${channel} sample ${JSON.stringify(sample)}`).toBe(true);
      const texts: (string | number)[][] = [];
      const visit = (v: unknown, p: (string | number)[]) => {
        if (typeof v === 'string') texts.push(p);
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, [...p, k]);
      };
      visit(sample, []);
      for (const p of texts) {
        const broken = structuredClone(sample) as Record<string, unknown>;
        const parent = p.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, broken);
        const key = p[p.length - 1]!;
        const value = parent[key] as string;
        parent[key] = `${value.slice(0, 1)}\ud800${value.slice(1)}`;
        const result = contract[channel].input.safeParse(broken);
        expect(result.success, `${channel} accepted a lone surrogate in ${p.join('.')}`).toBe(false);
        expect(
          result.error!.issues.map((i) => i.path.join('.')),
          `${channel} ${p.join('.')}`,
        ).toContain(p.join('.'));
      }
    }
  });
});

describe('names', () => {
  const invisible = [
    '\u200b',
    '\u2800',
    '\u3164',
    '\u115f',
    '\u1160',
    '\uffa0',
    '\ufeff',
    '\u00ad',
    '\u034f',
    '\u2060',
    '\u180e',
    '\u200b\u3164 \u2800\ufeff',
    ' \u3000 ',
    '\u0301',
    '\ufe0f',
  ];
  const controls = [
    'a\u0000b',
    'a\nb',
    'a\tb',
    'a\rb',
    'a\u001bb',
    'a\u007fb',
    'a\u0085b',
    'a\u202eb',
    'a\u202ab',
    'a\u2066b',
    'a\u200fb',
    'a\u061cb',
    'a\u2028b',
  ];
  const welcome = [
    '키 저장소',
    '暗号鍵',
    'Müller',
    'Mu\u0308ller',
    'Ключи',
    'مفاتيح',
    'מפתחות',
    'कुंजी',
    'Payments (EU) #2',
    '👨\u200d👩\u200d👧 keys',
    'a\u200bb',
    'ㅤ키',
    '\u2800x',
  ];

  it.each(invisible)('refuse a name of only invisible or blank characters (%j)', (name) => {
    const result = Name.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/^Enter a name/);
    expect(hasVisibleCharacter(name)).toBe(false);
  });

  it.each(controls)('refuse control and text-direction characters anywhere in a name (%j)', (name) => {
    const result = Name.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('Names cannot contain control characters (line breaks, tabs, text-direction overrides).');
  });

  it.each(welcome)('welcome every script, emoji sequences and marks (%j)', (name) => {
    expect(Name.safeParse(name)).toEqual({ success: true, data: name });
  });

  it('trim spaces around a name, as before', () => {
    expect(Name.parse('  Payments ')).toBe('Payments');
  });

  it('apply to usernames too: letters of any script, never only fillers', () => {
    for (const ok of ['admin', '관리자', 'müller.k', '管理者', 'ops@example']) expect(Username.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['\u3164', '\u115f\u3164', '\u3164\u3164\u3164']) {
      expect(Username.safeParse(bad), JSON.stringify(bad)).toMatchObject({
        success: false,
        error: { issues: [{ message: 'Usernames need at least one visible letter or digit.' }] },
      });
    }
    expect(Username.safeParse('ad\u202emin').success).toBe(false);
  });
});

describe('descriptions', () => {
  it.each(['line 1\nline 2', 'tab\tseparated', 'windows\r\nline', 'لغة عربية\u200e (RTL mark)', '', '키 설명'])(
    'keep text with tabs and line breaks (%j)',
    (text) => {
      expect(Description.safeParse(text).success).toBe(true);
    },
  );

  it.each(['a\u0000b', 'a\rb', 'a\u001b[31mred', 'a\u0007b', 'a\u0085b', 'a\u202eb', 'a\u2067b', 'a\ud800b'])(
    'refuse other control characters (%j)',
    (text) => {
      expect(Description.safeParse(text).success).toBe(false);
    },
  );
});

describe('through the contract', () => {
  it('keeps names in Korean, Japanese and German as typed', async () => {
    const { dispatch } = await unlockedManager();
    const call = caller(dispatch);
    const store = await call('keystores.create', { name: '키 저장소', description: '설명\n두 번째 줄', authMethods: ['ipv4', 'certificate'] });
    expect(store).toMatchObject({ name: '키 저장소', description: '설명\n두 번째 줄' });
    expect(await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: '暗号鍵' })).toMatchObject({ name: '暗号鍵' });
    expect(await call('keys.create', { type: 'confidential', keyStoreId: store.id, name: 'Müller', data: '비밀 😀' })).toMatchObject({ name: 'Müller' });
    const note = (await call('keys.list', { keyStoreId: store.id })).find((k: { name: string }) => k.name === 'Müller');
    expect(await call('keys.reveal', { keyId: note.id })).toEqual({ data: '비밀 😀' });
  });

  it('refuses a lone surrogate in the passphrase before deriving anything (it would turn into U+FFFD)', async () => {
    const { dispatch } = await unlockedManager();
    expect(
      await dispatch('vault.changePassphrase', {
        currentPassphrase: 'x\ud800',
        newPassphrase: 'long enough passphrase',
        confirmPassphrase: 'long enough passphrase',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        field: 'currentPassphrase',
        message: 'Current passphrase has a broken character (an unpaired UTF-16 surrogate). Type or paste it again.',
      },
    });
    expect(await dispatch('keystores.create', { name: '\u3164', authMethods: ['ipv4'] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'name' },
    });
  });
});

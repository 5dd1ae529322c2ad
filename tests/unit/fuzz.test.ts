import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels, contract, type Channel } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { PASSPHRASE } from './helpers';
import { buildFixture, openFixtureCopy, removeFixtureDirs, validInputs, type Fixture } from './validation-fixture';
import { objectShapes, unwrap } from './schema-walk';

// Issuing a certificate derives its .p12 keys with 600,000 iterations on purpose (seconds per certificate); the fuzz
// tests what comes in, not the .p12, so the container is stubbed here and certificate issuance costs a key pair only.
vi.mock(import('../../main/core/auth/pkcs12'), async (importOriginal) => ({
  ...(await importOriginal()),
  buildPkcs12: async () => Buffer.from('not a real .p12: stubbed by fuzz.test.ts'),
}));

// Likewise a successful Add Key or Immediately Rotate of an asymmetric key: one real key pair per algorithm, made on first
// need and handed out again, instead of an RSA-4096 generation (seconds) per case.
vi.mock(import('../../main/core/engine/asymmetric'), async (importOriginal) => {
  const real = await importOriginal();
  const made = new Map<string, ReturnType<typeof real.generateAsymmetric>>();
  return {
    ...real,
    generateAsymmetric: (algorithm) => {
      if (!made.has(algorithm)) made.set(algorithm, real.generateAsymmetric(algorithm));
      return made.get(algorithm)!;
    },
  };
});

/**
 * Every channel of the contract, fed through the real dispatcher into a real KeyManager holding a vault with a key
 * store, a key of each kind and authentication information: arbitrary values, and valid inputs bent out of shape
 * (wrong types, huge strings, lone surrogates, invisible and control characters, unknown fields, ids that look right
 * but name nothing or the wrong kind of thing). Whatever comes in:
 * - nothing escapes the dispatcher and nothing answers INTERNAL;
 * - a refusal leaves the vault as it was (file bytes and what the lists show), and says why in the app's words;
 * - an answer matches the channel's output schema.
 * A call that succeeds and changes something is undone by opening a fresh copy of the fixture.
 *
 * Replay: FUZZ_SEED=<seed> npx vitest run tests/unit/fuzz.test.ts [-t <channel>]; FUZZ_RUNS raises the cases per channel.
 */
const envInteger = (name: string, fallback: number): number => {
  const value = process.env[name] ? Number(process.env[name]) : fallback;
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be a whole number; it is ${JSON.stringify(process.env[name])}.`);
  return value;
};
const SEED = envInteger('FUZZ_SEED', 20261128);
const RUNS = envInteger('FUZZ_RUNS', 200);

/** Channels whose job is to change the session; they are fuzzed, but a refusal may leave the vault locked. */
const STATE_EXEMPT: ReadonlySet<string> = new Set(['vault.lock', 'vault.unlock', 'vault.create']);
/** A success here changes what the fixture is opened with, which the lists cannot show: start again from a fresh copy. */
const FRESH_AFTER_SUCCESS: ReadonlySet<string> = new Set(['vault.changePassphrase']);
/** Half of their cases meet a locked vault, where their real logic runs. */
const LOCK_FIRST: ReadonlySet<string> = new Set(['vault.unlock', 'vault.create']);
/** zod's own wording ("Invalid input: expected string, received number", "Unrecognized key"...). */
const ZOD_DEFAULT = /^(Invalid|Expected|Unrecognized|Required|Too small|Too big)\b/;

// ---- values ----

const WRONG_TYPES: unknown[] = [
  undefined,
  null,
  42,
  -1,
  1.5,
  NaN,
  Infinity,
  true,
  'text',
  '',
  [],
  {},
  [1, 2],
  { a: 1 },
  10n,
  new Date(0),
  new Map(),
  new Uint8Array(4),
];
const STRANGE = [
  '',
  ' ',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\u00a0',
  '\u200b',
  '\u2800',
  '\u3164',
  '\u115f',
  '\ufeff',
  '\u202e',
  '\u2066',
  '\u2028',
  '\u0301',
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\udc00\ud800',
  '😀',
  '키',
  '暗号',
  'Müller',
  'x'.repeat(100),
  'x'.repeat(101),
  'x'.repeat(1025),
  'x'.repeat(70_000),
  '0x',
  '0x00',
  'skm:v1:',
  'skm:v0:AAAA',
  'skm:v999999:AAAA',
  'skm:v1:AAAA',
  'AAAA',
  '====',
  '/',
  '..',
  '__proto__',
  'constructor',
  '10.0.0.1',
  '0.0.0.0/0',
  'aa:bb:cc:dd:ee:ff',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
];
/** One shared megabyte-scale string: over every size limit, built once. */
const HUGE = 'A'.repeat(9 * 1024 * 1024);
const NUMBERS = fc.constantFrom(-1, 0, -0, 1, 1.5, 29, 30, 90, 3650, 3651, 2 ** 31, 2 ** 53, 1e308, NaN, Infinity, -Infinity);
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: codeUnit, maxLength: 30 }));
const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.anything({
    maxDepth: 3,
    maxKeys: 6,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'keyId', 'name')),
  }),
  fc.constantFrom(...WRONG_TYPES),
);

const clip = (v: unknown): string => {
  try {
    const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
    return s === undefined ? typeof v : s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
};

type Path = (string | number)[];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Paths to every value inside a sample (not the root). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (!isObject(value)) return [];
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return [];
  return Object.keys(value).flatMap((k) => {
    const p = [...prefix, Array.isArray(value) ? Number(k) : k];
    return [p, ...pathsOf((value as Record<string, unknown>)[k], p)];
  });
}
const getAt = (v: unknown, p: Path): unknown => p.reduce<unknown>((o, k) => (isObject(o) ? (o as Record<string | number, unknown>)[k] : undefined), v);
/** A changed copy; keys are defined, not assigned, so "__proto__" becomes a field as JSON.parse would make it. */
function withChange(sample: unknown, p: Path, change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(sample);
  const parent = getAt(copy, p.slice(0, -1));
  try {
    if (isObject(parent)) change(parent as Record<string | number, unknown>, p[p.length - 1]!);
  } catch {
    // a frozen or exotic value (boxed string, typed array) keeps its shape
  }
  return copy;
}
function define(o: object, k: PropertyKey, v: unknown): object {
  try {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  } catch {
    // a typed array's index or a boxed string's character cannot be redefined: keep the value as it is
  }
  return o;
}

function mutateString(v: string, ids: string[]): fc.Arbitrary<unknown> {
  const insert = (chars: string[]) => fc.tuple(fc.nat({ max: v.length }), fc.constantFrom(...chars)).map(([i, c]) => v.slice(0, i) + c + v.slice(i));
  return fc.oneof(
    fc.constantFrom(...STRANGE, HUGE),
    insert(['\ud800', '\udbff', '\udc00', '\udfff']),
    insert(['\u200b', '\u2800', '\u3164', '\ufeff', '\0', '\u202e', '\n', '\r', '\t', '\u0301', '😀', ' ', ',', ':', '/', '=']),
    fc.nat({ max: v.length }).map((i) => v.slice(0, i)),
    fc.tuple(fc.nat({ max: Math.max(v.length - 1, 0) }), codeUnit).map(([i, c]) => v.slice(0, i) + c + v.slice(i + 1)),
    text.map((t) => v + t),
    fc.constantFrom(v.toUpperCase(), ` ${v} `, v + v, v.repeat(50)),
    hex32,
    fc.constantFrom(...ids),
  );
}

function replacement(current: unknown, ids: string[]): fc.Arbitrary<unknown> {
  const near = typeof current === 'string' ? mutateString(current, ids) : typeof current === 'number' ? NUMBERS : anyValue;
  return fc.oneof({ weight: 4, arbitrary: near }, { weight: 1, arbitrary: anyValue }, { weight: 1, arbitrary: text });
}

/** A valid sample, or one bent out of shape in one or two places. */
function mutated(samples: unknown[], ids: string[]): fc.Arbitrary<unknown> {
  const once = (sample: unknown): fc.Arbitrary<unknown> => {
    const paths = pathsOf(sample);
    if (paths.length === 0) return fc.oneof(fc.constant(sample), anyValue);
    const objectPaths: Path[] = [[], ...paths.filter((p) => isObject(getAt(sample, p)))];
    return fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(...paths).chain((p) => replacement(getAt(sample, p), ids).map((v) => withChange(sample, p, (o, k) => define(o, k, v)))),
      },
      { weight: 1, arbitrary: fc.constantFrom(...paths).map((p) => withChange(sample, p, (o, k) => delete o[k])) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom(...objectPaths),
            fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'foo', '', 'keyId', 'type'), fc.string({ maxLength: 10 })),
            anyValue,
          )
          .map(([p, k, v]) => (p.length === 0 ? define(structuredClone(sample) as object, k, v) : withChange(sample, [...p, k], (o) => define(o, k, v)))),
      },
      { weight: 1, arbitrary: fc.constantFrom<unknown>([sample], clip(sample), { input: sample }) },
    );
  };
  return fc
    .constantFrom(...samples)
    .chain((sample) =>
      fc.oneof(
        { weight: 2, arbitrary: fc.constant(sample) },
        { weight: 5, arbitrary: once(sample) },
        { weight: 1, arbitrary: once(sample).chain((s) => (isObject(s) ? once(s) : fc.constant(s))) },
      ),
    );
}

// ---- inputs shaped after a schema (covers channels added later, with no samples yet) ----

function fieldValue(schema: unknown, ids: string[]): fc.Arbitrary<unknown> {
  const def = unwrap(schema);
  const own =
    def.type === 'literal'
      ? fc.constantFrom(...(def.values ?? [null]))
      : def.type === 'enum'
        ? fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }))
        : def.type === 'string'
          ? fc.oneof(fc.constantFrom(...ids), text, fc.constantFrom(...STRANGE))
          : def.type === 'number'
            ? NUMBERS
            : def.type === 'boolean'
              ? fc.boolean()
              : def.type === 'object'
                ? shaped(schema, ids)
                : def.type === 'array'
                  ? fc.array(anyValue, { maxLength: 3 })
                  : anyValue;
  return fc.oneof({ weight: 4, arbitrary: own }, { weight: 1, arbitrary: anyValue });
}
function shaped(schema: unknown, ids: string[]): fc.Arbitrary<unknown> {
  const shapes = objectShapes(schema);
  if (shapes.length === 0) return anyValue;
  return fc
    .constantFrom(...shapes)
    .chain((shape) => fc.record(Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, fieldValue(s, ids)])), { requiredKeys: [] }));
}

// ---- the vault under test ----

interface Session {
  km: Awaited<ReturnType<typeof openFixtureCopy>>['km'];
  dir: string;
  dispatch: (channel: unknown, input: unknown) => Promise<Result<unknown>>;
}

let fixture: Fixture;
let session: Session;
const internalLogs: string[] = [];

/** What a refusal must leave as it was: the vault and settings files byte for byte, and what the lists show. */
async function snapshot(s: Session) {
  const files = Object.fromEntries(
    ['vault.json', 'settings.json'].map((f) => {
      const p = path.join(s.dir, f);
      return [f, existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex') : null];
    }),
  );
  const { ids } = fixture;
  const calls: [Channel, unknown][] = [
    ['vault.status', undefined],
    ['settings.get', undefined],
    ['keystores.list', undefined],
  ];
  for (const keyStoreId of [ids.keyStore, ids.emptyKeyStore]) {
    calls.push(['keys.list', { keyStoreId }]);
    for (const kind of ['ipv4', 'mac', 'certificate']) calls.push(['auth.list', { keyStoreId, kind }]);
  }
  const views: { channel: Channel; answer: Result<unknown> }[] = [];
  for (const [channel, input] of calls) views.push({ channel, answer: await s.dispatch(channel, input) });
  return { files, views };
}

async function freshSession(): Promise<void> {
  await session?.km.lock('shutdown');
  session = await openFixtureCopy(fixture);
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;
/** The fixture's own items as the lists show them: when a call changed one of them, later cases need a fresh copy. */
function fixtureView(s: Snapshot): string {
  const mine = new Set<unknown>(Object.values(fixture.ids));
  const only = ({ answer }: Snapshot['views'][number]) =>
    answer.ok && Array.isArray(answer.value) ? answer.value.filter((v: { id?: unknown }) => mine.has(v.id)) : answer;
  return JSON.stringify([s.files['settings.json'], ...s.views.map(only)]);
}
let intact: string;

describe(`fuzzing every channel through the dispatcher (seed ${SEED}, ${RUNS} cases each)`, () => {
  beforeAll(async () => {
    console.info(`[fuzz] FUZZ_SEED=${SEED}, ${RUNS} cases per channel. Replay: FUZZ_SEED=${SEED} npx vitest run tests/unit/fuzz.test.ts -t '<channel>'`);
    fixture = await buildFixture();
    await freshSession();
    intact = fixtureView(await snapshot(session));
    const original = console.error.bind(console);
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      const line = args.map(String).join(' ');
      if (/internal error|scheduler pass failed/.test(line)) internalLogs.push(line);
      original(...args);
    });
  }, 120_000);

  afterAll(async () => {
    await session?.km.lock('shutdown');
    vi.restoreAllMocks();
    removeFixtureDirs();
  }, 60_000);

  it.each(channels)(
    '%s: never INTERNAL, never throws, refusals change nothing and are in words',
    async (channel: Channel) => {
      await freshSession();
      const ids = Object.values(fixture.ids);
      const samples = validInputs(fixture)[channel] ?? [];
      const schema = contract[channel].input;
      const voidInput = schema.safeParse(undefined).success;
      const input = fc.oneof(
        { weight: 1, arbitrary: anyValue },
        ...(voidInput ? [] : [{ weight: 1, arbitrary: shaped(schema, ids) }]),
        ...(samples.length > 0 ? [{ weight: 6, arbitrary: mutated(samples, ids) }] : []),
      );
      let before = await snapshot(session);
      let refused = 0;
      const answers = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(input, fc.boolean(), async (value, lockFirst) => {
          let settled: Snapshot | null = null;
          try {
            if (lockFirst && LOCK_FIRST.has(channel)) await session.km.lock('user');
            internalLogs.length = 0;
            let result: Result<unknown>;
            try {
              result = await session.dispatch(channel, value);
            } catch (err) {
              throw new Error(`the dispatcher threw (${err instanceof Error ? err.name : typeof err}) for ${channel} ${clip(value)}`, { cause: err });
            }
            const answer = result.ok ? 'ok' : result.error.code;
            answers.set(answer, (answers.get(answer) ?? 0) + 1);
            if (!result.ok && result.error.code === 'INTERNAL') throw new Error(`INTERNAL for ${channel} ${clip(value)}`);
            if (internalLogs.length > 0) throw new Error(`logged "${internalLogs[0]}" for ${channel} ${clip(value)}`);
            if (Object.keys(Object.prototype).length > 0) throw new Error(`Object.prototype was polluted by ${channel} ${clip(value)}`);
            if (!result.ok && result.error.code === 'VALIDATION_FAILED' && (ZOD_DEFAULT.test(result.error.message) || result.error.message.trim() === '')) {
              throw new Error(`zod's own words "${result.error.message}" for ${channel} ${clip(value)}`);
            }
            if (result.ok) {
              const output = contract[channel].output.safeParse(result.value);
              if (!output.success)
                throw new Error(`${channel} answered outside its output schema (${output.error.issues[0]?.path.join('.')}) for ${clip(value)}`);
            }
            const after = await snapshot(session);
            if (!result.ok && !STATE_EXEMPT.has(channel)) {
              refused += 1;
              expect(after, `${channel} refused ${clip(value)} with ${result.error.code} but changed the vault`).toEqual(before);
            }
            // What the lists show afterwards still fits the contract (a stored record missing a field would not).
            for (const view of after.views) {
              if (view.answer.ok && !contract[view.channel].output.safeParse(view.answer.value).success)
                throw new Error(`after ${channel} ${clip(value)}, ${view.channel} answers outside its output schema`);
            }
            if (!(result.ok && FRESH_AFTER_SUCCESS.has(channel))) settled = after;
          } finally {
            // A failed case may have left anything behind: the next case (or fast-check's shrinking) starts clean.
            if (settled && fixtureView(settled) === intact) before = settled;
            else {
              await freshSession();
              before = await snapshot(session);
            }
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // What was written can still be read: lock, and open the same folder again.
      await session.km.lock('user');
      expect(await session.dispatch('vault.unlock', { username: 'admin', passphrase: PASSPHRASE }), `${channel}: the vault no longer opens`).toMatchObject({
        ok: true,
      });
      if (process.env.FUZZ_STATS)
        console.info(
          `[fuzz] ${channel}: ${[...answers]
            .sort((a, b) => b[1] - a[1])
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}`,
        );
      // Most cases bend the input, so the "a refusal changes nothing" check must have had plenty to look at.
      if (!STATE_EXEMPT.has(channel)) expect(refused).toBeGreaterThan(RUNS / 10);
    },
    120_000,
  );

  it('the fixture still unlocks with its passphrase after all that', async () => {
    await freshSession();
    expect(await session.dispatch('vault.status', undefined)).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    await session.km.lock('user');
    expect(await session.dispatch('vault.unlock', { username: 'admin', passphrase: PASSPHRASE })).toMatchObject({ ok: true });
  });
});

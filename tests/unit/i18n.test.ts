import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { ko } from '../../renderer/src/i18n/ko';

// Every word the UI passes through t('…') must have its Korean entry, with the same {{placeholders}}.
const root = path.join(__dirname, '../../renderer/src');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'i18n' ? [] : sources(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}
/** The literal first arguments of t(…) calls: 'single', "double" or `template without ${}`. */
function literals(text: string): string[] {
  const found: string[] = [];
  const call = /\bt\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`$]*)`)/g;
  for (const m of text.matchAll(call)) found.push((m[1] ?? m[2] ?? m[3]!).replace(/\\(['"\\])/g, '$1'));
  return found;
}
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

describe('i18n', () => {
  const used = new Map<string, string>();
  for (const file of sources(root)) for (const key of literals(readFileSync(file, 'utf8'))) used.set(key, path.relative(root, file));

  it('finds the UI strings', () => {
    expect(used.size).toBeGreaterThan(0);
  });

  it('has a Korean entry for every UI string', () => {
    const missing = [...used].filter(([key]) => !(key in ko)).map(([key, file]) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });

  it('keeps the placeholders of each string in its Korean entry', () => {
    const wrong = Object.entries(ko).filter(([en, kr]) => placeholders(en).join() !== placeholders(kr).join());
    expect(wrong).toEqual([]);
  });

  it('falls back to the English words, interpolated, when an entry is missing', async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'ko', fallbackLng: 'en', resources: { en: { translation: {} }, ko: { translation: {} } }, keySeparator: false, nsSeparator: false });
    expect(i.t('Download {{name}}', { name: 'app-client' })).toBe('Download app-client');
  });
});

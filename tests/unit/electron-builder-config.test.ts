import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

// The packaging config is checked against the electron-builder that `npm run dist` runs: its schema, its YAML reader
// (js-yaml, the parser electron-builder reads this file with) and its own validator, all resolved from electron-builder
// itself so an upgrade is checked against the new version. `npm run dist` cannot run here (no Electron binary).
const root = path.resolve(import.meta.dirname, '..', '..');
const fromElectronBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const fromAppBuilderLib = createRequire(fromElectronBuilder.resolve('app-builder-lib/package.json'));
const yaml = fromAppBuilderLib('js-yaml') as { load(text: string): unknown };
const schema = fromElectronBuilder('app-builder-lib/scheme.json') as {
  definitions: { FuseOptionsV1: { additionalProperties: boolean; properties: Record<string, { type: string }> } };
};
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const fuses = config.electronFuses as Record<string, unknown>;

/** The fuses this app needs. A fuse electron-builder adds later must be decided here before packaging passes. */
const EXPECTED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};
/** Options in electron-builder's fuse section that are not fuses of the Electron binary. */
const NOT_FUSES = new Set(['resetAdHocDarwinSignature']);

describe('electron-builder.yml: Electron fuses', () => {
  it('sets each fuse to the value the app needs', () => {
    expect(fuses).toEqual(EXPECTED_FUSES);
  });

  it('names only fuses that electron-builder knows, each a real YAML boolean', () => {
    const known = schema.definitions.FuseOptionsV1.properties;
    // electron-builder's validator coerces types ("false" passes as a string), so a typed boolean is checked here.
    for (const [name, value] of Object.entries(fuses)) {
      expect(Object.keys(known), `unknown fuse "${name}"`).toContain(name);
      expect(known[name]!.type, name).toBe('boolean');
      expect(typeof value, `${name} must be true or false, unquoted`).toBe('boolean');
    }
  });

  it('decides every fuse electron-builder offers, so an upgrade that adds one fails here until it is decided', () => {
    const offered = Object.keys(schema.definitions.FuseOptionsV1.properties).filter((name) => !NOT_FUSES.has(name));
    expect(Object.keys(fuses).sort()).toEqual(offered.sort());
  });

  it('packs the app into an asar archive whose integrity electron-builder embeds', () => {
    expect(config.asar).toBe(true);
    expect(config.disableAsarIntegrity).toBeUndefined();
  });

  it("is accepted by electron-builder's own validator, which refuses a misspelled fuse", async () => {
    const { validateConfiguration } = fromElectronBuilder('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean }): Promise<void>;
    };
    const quiet = { isEnabled: false };
    await expect(validateConfiguration(structuredClone(config), quiet)).resolves.toBeUndefined();
    const typo = { ...structuredClone(config), electronFuses: { ...EXPECTED_FUSES, runAsNod: false } };
    await expect(validateConfiguration(typo, quiet)).rejects.toThrow(/electronFuses/);
  });
});

// Lint rules that hold the architecture (see ../shared/docs/architecture.md) and catch real mistakes; formatting is
// Prettier's job, so no style rules here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** An import of a module in one of these top-level folders, written relatively or through the repository root. */
const into = (...folders) => ({ regex: `(^|/)(${folders.join('|')})(/|$)` });
const nodeBuiltins = {
  regex: '^node:|^(fs|path|os|crypto|child_process|http|https|net|tls|url|util|stream|zlib|worker_threads)(/|$)',
  message: 'shared/ runs in every process: no Node APIs here.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names starting with _ are deliberate (destructuring a field away, a required parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'main/core runs under plain Node: hosts reach Electron, core never does.' }],
          patterns: [
            { ...into('electron', 'browser', 'headless'), message: 'main/core never imports a host (main/electron, main/browser, main/headless).' },
            { ...into('renderer', 'preload'), message: 'main/core never imports the renderer or a preload.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ ...into('browser', 'headless', 'renderer'), message: 'A host imports main/core and shared only, never another host or the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['main/browser/**/*.ts', 'main/headless/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'This host runs without Electron.' }],
          patterns: [{ ...into('electron', 'renderer'), message: 'A host imports main/core and shared only, never another host or the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // preload/electron.ts is the one file of these that needs Electron (contextBridge).
          paths: [{ name: 'electron', message: 'The renderer talks to main through window.skm only.' }],
          patterns: [
            { ...into('main'), message: 'The renderer and preloads never import main: they talk through the contract in shared/.' },
            { regex: '^node:', message: 'No Node APIs in the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/electron.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...into('main'), message: 'Preloads never import main: they expose the contract in shared/.' },
            { regex: '^node:', message: 'The preload runs sandboxed: no Node APIs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ runs in every process.' }],
          patterns: [nodeBuiltins, { ...into('main', 'renderer', 'preload'), message: 'shared/ is the bottom layer: it imports nothing of ours above it.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'Buffer', 'require', '__dirname', 'global', 'fetch'].map(
          (name) => ({ name, message: 'shared/ runs in main, preload and renderer alike: no Node or DOM globals.' }),
        ),
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,js}'],
    // `async ({}, use)` is how Playwright fixtures say "no other fixtures needed".
    rules: { '@typescript-eslint/no-unused-expressions': 'off', 'no-empty-pattern': 'off' },
  },
);

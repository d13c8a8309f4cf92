// Lint holds the layering of ../shared/ARCHITECTURE.md so nobody has to remember it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const io = [
  'node:fs',
  'node:fs/promises',
  'node:net',
  'node:child_process',
  'node:http',
  'node:https',
  'node:zlib',
  'node:stream',
  'node:os',
  'node:process',
  'fs',
  'net',
  'child_process',
  'dockerode',
  'tar-stream',
];
const ui = ['ink', 'react', 'ink-testing-library'];
// Argument parsing is the CLI's: commands take typed options, never commander's option bag.
const cliOnly = ['commander'];
const restrict = (names, patterns = [], extraPaths = []) => [
  'error',
  {
    paths: [...names.map((name) => ({ name, message: 'Not allowed in this layer (see ARCHITECTURE.md).' })), ...extraPaths],
    patterns,
  },
];
// dockerode lives in one file: the Engine API client.
const ENGINE_API = 'src/io/daemon/engine-api.ts';
const dockerodeElsewhere = { name: 'dockerode', message: `dockerode is used only in ${ENGINE_API}.` };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': restrict(
        [...io, ...ui, ...cliOnly],
        [{ group: ['**/io/**', '**/ui/**', '**/cli/**', '**/presentation/**'], message: 'core imports only core' }],
      ),
    },
  },
  {
    files: ['src/presentation/**'],
    rules: {
      'no-restricted-imports': restrict(
        [...io, ...ui, ...cliOnly],
        [{ group: ['**/io/**', '**/ui/**', '**/cli/**'], message: 'presentation imports only core' }],
      ),
    },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': restrict([...io, ...cliOnly], [{ group: ['**/io/**', '**/cli/**'], message: 'ui never imports io or cli' }]),
    },
  },
  {
    files: ['src/io/**'],
    rules: {
      'no-restricted-imports': restrict(
        [...ui, ...cliOnly],
        [{ group: ['**/ui/**', '**/cli/**', '**/presentation/**'], message: 'io imports only core' }],
        [dockerodeElsewhere],
      ),
    },
  },
  {
    files: [ENGINE_API],
    rules: {
      'no-restricted-imports': restrict(
        [...ui, ...cliOnly],
        [{ group: ['**/ui/**', '**/cli/**', '**/presentation/**'], message: 'io imports only core' }],
      ),
    },
  },
  {
    files: ['src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [dockerodeElsewhere] }] },
  },
  {
    files: ['src/**'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Only src/cli exits.' },
        { object: 'process', property: 'argv', message: 'Only src/cli reads argv.' },
      ],
    },
  },
);

// Lint rules that carry Hearth's architecture (docs/ARCHITECTURE.md, "Layers"). Formatting is
// Prettier's job (`npm run format`); nothing here argues about white space.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * Imports a layer may not use: Node's built-ins (by exact name, and anything `node:`), plus
 * whatever else that layer must not touch. Exact names, since a pattern such as `crypto` would
 * also match our own `../crypto/keys`.
 */
const restrictImports = (names, message) => [
  'error',
  {
    paths: names.map((name) => ({ name, message })),
    patterns: [{ group: ['node:*'], message }],
  },
];
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));

/**
 * Who may import whom. Each zone says: files in `target` must not import from `from`. Layers
 * depend downwards only: shared <- server <- main, shared <- renderer; inside the renderer,
 * host <- services <- app <- features, and ui is presentational (no services, no app state).
 */
const LAYER_ZONES = [
  // src-shared runs anywhere: only itself and its libraries.
  {
    target: './src-shared',
    from: ['./src-renderer', './src-main', './src-server', './tests', './bench', './scripts'],
    message: 'src-shared imports only src-shared and its libraries.',
  },
  // The renderer is a web page: no main process, no Node programs.
  {
    target: './src-renderer',
    from: ['./src-main', './src-server', './tests', './bench', './scripts'],
    message: 'src-renderer never imports src-main or src-server.',
  },
  // The Node programs run without Electron and without a page.
  {
    target: './src-server',
    from: ['./src-main', './src-renderer', './tests', './bench', './scripts'],
    message: 'src-server imports only src-shared.',
  },
  {
    target: './src-main',
    from: ['./src-renderer', './tests', './bench', './scripts'],
    message: 'src-main never imports the renderer.',
  },
  // Inside the renderer, nothing runs back up.
  {
    target: './src-renderer/host',
    from: [
      './src-renderer/services',
      './src-renderer/app',
      './src-renderer/features',
      './src-renderer/ui',
    ],
    message: 'host/ is the bottom of the renderer: it knows only the platform and src-shared.',
  },
  {
    target: './src-renderer/services',
    from: ['./src-renderer/app', './src-renderer/features', './src-renderer/ui'],
    message: 'services never import the app, features or ui.',
  },
  {
    target: './src-renderer/app',
    from: ['./src-renderer/features'],
    except: [],
    message: 'app/ wires services; screens live in features/.',
  },
  // Screens reach the platform only through the HearthApp facade (app/HearthContext), which
  // exposes what they need of it (host info, the desktop shell); App.tsx and main.tsx, the
  // composition root, sit outside every zone.
  {
    target: './src-renderer/features',
    from: ['./src-renderer/host'],
    message: 'features/ talk to the HearthApp facade (useHearth), never to the host directly.',
  },
  {
    target: './src-renderer/ui',
    from: [
      './src-renderer/services',
      './src-renderer/app',
      './src-renderer/features',
      './src-renderer/host',
    ],
    message: 'ui/ is presentational: props in, markup out.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'release/',
      'coverage/',
      '.tsbuild/',
      '**/*.min.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.es2023 },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { typescript: true, node: true } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function that does not await is often an interface's shape; not worth a rule.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        [...NODE_BUILTINS, 'electron', 'react', 'react-dom', 'dexie'],
        'src-shared runs anywhere: no Node, Electron, React or IndexedDB.',
      ),
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic hook rules; the React Compiler's stricter ones assume a compiler we do not use.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': restrictImports(
        [...NODE_BUILTINS, 'electron'],
        'The renderer is a sandboxed web page: no Node, no Electron.',
      ),
    },
  },
  {
    files: [
      'src-main/**',
      'src-server/**',
      'scripts/**',
      'bench/**',
      'tests/**',
      '*.config.ts',
      '*.config.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'src-server runs without Electron.' }] },
      ],
    },
  },
  {
    // Tests read JSON they just wrote (exports, reports) and poke at pages; typing every parse
    // there adds noise, not safety. The product code keeps these rules.
    files: ['tests/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // IndexedDB rejects with a DOMException (or null), which tests pass on as it is.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  {
    // Command-line programs and tests may print.
    files: ['scripts/**', 'bench/**', 'tests/**', 'src-server/**/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain JavaScript (this file) is not type-checked, so the typed rules have nothing to read.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);

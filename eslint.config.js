// ESLint with typescript-eslint's type-aware rules, no import cycles, and the layers of src/ (the README's
// Development section): each room imports only from the rooms below it, so an arrow the wrong way fails here.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The rooms of src/, lowest first: a room may import from those before it, never from those after. */
const LAYERS = [
  ['util'],
  ['model'],
  ['time'],
  ['sla', 'rotation', 'lookup'],
  ['read'],
  ['validate'],
  ['load', 'lint'],
  ['render', 'import', 'init'],
  ['commands'],
];
const TOP = ['./src/cli.ts', './src/boot.ts', './src/terminal.ts', './src/index.ts'];
const zones = LAYERS.flatMap((rooms, level) => {
  const above = LAYERS.slice(level + 1)
    .flat()
    .map((room) => `./src/${room}`);
  // Rooms on one level do not import each other either (the core's sla, rotation and lookup are independent).
  return rooms.map((room) => ({
    target: `./src/${room}`,
    from: [...above, ...rooms.filter((other) => other !== room).map((other) => `./src/${other}`), ...TOP],
    message: `src/${room} sits below what it imports here: see the layers in the README's Development section`,
  }));
});

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'test/fixtures/',
      'bench/',
      // Plain ES module scripts run by hand (scripts/*.mjs): outside the TypeScript project.
      'scripts/*.mjs',
      'build.mjs',
      'eslint.config.js',
      'bin/',
      'vitest.config.ts',
      // A plain CommonJS preload for node -r (test/helpers/loaded-files.cjs): no TypeScript project holds it.
      'test/helpers/*.cjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
  {
    // Tests read the CLI's JSON output with JSON.parse, which is `any` by nature; asserting on it is their job.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);

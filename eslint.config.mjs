// Root ESLint 9 flat config.
//
// Its main job is @nx/enforce-module-boundaries: which project may import
// which, driven by the tags in each project.json. The rest is Nx's stock
// TypeScript/JavaScript baseline (eslint + typescript-eslint recommended),
// kept quiet on purpose.
//
// Tags:
//   apps/api, apps/worker ............ type:app  scope:server
//   apps/portal ...................... type:app  scope:client
//   libs/config, libs/db, libs/jobs, libs/quiz, libs/learning,
//   libs/credentials, libs/certificates,
//   migrations ....................... type:lib  scope:server
//   libs/contracts, libs/api-client .. type:lib  scope:shared
//   libs/testing ..................... type:lib  scope:test
import nx from '@nx/eslint-plugin';

const scopeConstraints = [
  { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:shared'] },
  {
    sourceTag: 'scope:server',
    onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  {
    sourceTag: 'scope:test',
    onlyDependOnLibsWithTags: ['scope:server', 'scope:shared', 'scope:test'],
  },
];

const typeConstraints = [
  { sourceTag: 'type:lib', notDependOnLibsWithTags: ['type:app'] },
];

const boundaryOptions = (depConstraints) => ({
  enforceBuildableLibDependency: true,
  allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
  depConstraints,
});

const sourceFiles = ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'];
const testFiles = [
  '**/*.spec.ts',
  '**/*.spec.tsx',
  '**/*.test.ts',
  '**/*.test.tsx',
  '**/*.e2e-spec.ts',
  '**/test/**/*.ts',
  '**/tests/**/*.ts',
];

export default [
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.data',
      '**/coverage',
      '**/.nx',
      '**/out-tsc',
      '**/tmp',
      '**/vite.config.*.timestamp*',
      '**/vitest.config.*.timestamp*',
    ],
  },
  {
    // Nx-generated files (jest configs, ...) carry blanket eslint-disable
    // comments; don't warn about them.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: sourceFiles,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        boundaryOptions([...scopeConstraints, ...typeConstraints]),
      ],
      // Keep the baseline quiet: unused vars are fine when prefixed with _.
      '@typescript-eslint/no-unused-vars': [
        'warn',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Server-side tests may use the shared test kit (@baanrian/testing,
    // scope:test); production server code may not. Client code never may.
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        boundaryOptions([
          { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:shared'] },
          {
            sourceTag: 'scope:server',
            onlyDependOnLibsWithTags: ['scope:server', 'scope:shared', 'scope:test'],
          },
          { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          {
            sourceTag: 'scope:test',
            onlyDependOnLibsWithTags: ['scope:server', 'scope:shared', 'scope:test'],
          },
          ...typeConstraints,
        ]),
      ],
    },
  },
];

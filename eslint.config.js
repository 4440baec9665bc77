import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The dependency rule of docs/ARCHITECTURE.md, enforced: who may import whom. */
const boundaries = [
  {
    target: './src/core',
    from: ['./src/contracts', './src/server', './src/web', './src/cli'],
    message: 'core imports nothing of ours',
  },
  {
    target: './src/contracts',
    from: ['./src/server', './src/web', './src/cli'],
    message: 'contracts may import core only',
  },
  {
    target: './src/server',
    from: ['./src/web', './src/cli'],
    message: 'server imports core and contracts, never web or cli',
  },
  { target: './src/cli', from: ['./src/web'], message: 'nothing imports web' },
  {
    target: './src/web',
    from: ['./src/server', './src/cli'],
    message: 'web imports contracts and core only',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'coverage',
      'migrations',
      'playwright-report',
      'test-results',
      '.bench',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
      'import-x/no-default-export': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false },
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        module: 'readonly',
        require: 'readonly',
      },
    },
  },
);

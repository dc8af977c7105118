// ESLint over the TypeScript of src/, transforms/ and test/, type-checked with the tsconfig nearest each
// file (test/tsconfig.json for the tests), and over the JavaScript of bin/ and scripts/ without types
// (untyped JavaScript makes nearly every value `any`). eslint-config-prettier comes last: layout is
// prettier's job.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'test-artifacts/', '**/.cache/']),
  {
    files: ['**/*.{ts,js,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'], defaultProject: 'tsconfig.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Finding NUL and other control bytes in files and terminal output is what these regexes are for.
      'no-control-regex': 'off',
      // Fires on the null checks of web-tree-sitter's children (typed Node[], can hold null) and on flags set in closures.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // process.env entries and the global marks of src/speed/ are unset with delete; there is no Map to use instead.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // Messages interpolate numbers and, under noUncheckedIndexedAccess, indexed strings (`text.split('\n')[0]`).
      '@typescript-eslint/restrict-template-expressions': ['error', { allowAny: false, allowBoolean: false, allowNever: false, allowNullish: true, allowNumber: true, allowRegExp: false }],
      // The same for `+`, as in template literals.
      '@typescript-eslint/restrict-plus-operands': ['error', { allowAny: false, allowBoolean: false, allowNullish: true, allowNumberAndString: true, allowRegExp: false }],
      // One-line arrows that call a void function (`(line) => this.deliver(line)`) are the house style.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // It tests the real-world runner's plain .mjs scripts, which have no types (see its @ts-expect-error imports).
    files: ['test/unit/realworld.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);

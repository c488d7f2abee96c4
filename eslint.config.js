import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['scripts/**', 'bench/**'], rules: { 'no-console': 'off' } },
  {
    // Card markdown is escaped by default; only the card kit may declare a string to be markup.
    files: ['src/**'],
    ignores: ['src/cards-kit/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[object.name='Md'][property.name='trusted']",
        message: 'Build card markdown with m`…` (data escaped) or a card-kit helper; Md.trusted is for the card kit only.',
      }],
    },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The feature folders under src/features; a feature may not reach into another one. */
const FEATURES = ['help', 'welcome', 'status', 'okr', 'acs', 'jing', 'cx', 'whoami', 'audit'];

/** A relative import that climbs out of its folder into one of `folders` (any depth). */
const into = (folders, message) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|\\.js$|$)`, message });

/**
 * The layering of design.md §4, as lint errors: each folder lists the folders it must not import.
 * Data flows transport → inbox → command or action (features) → batch/upstream → cards.
 */
const LAYERS = [
  { files: ['src/framework/**'], banned: ['features', 'inbox', 'transport', 'sandbox', 'app', 'main'], why: 'the framework stands below every feature and knows no transport' },
  { files: ['src/inbox/**'], banned: ['features', 'transport', 'sandbox', 'app', 'main'], why: 'the inbox knows no feature and no transport' },
  { files: ['src/transport/**'], banned: ['features', 'framework', 'batch', 'upstream', 'sandbox', 'app', 'main'], why: 'the transport knows nothing of commands' },
  { files: ['src/batch/**'], banned: ['features', 'inbox', 'transport', 'sandbox', 'app', 'main'], why: 'batch serves every feature and imports none' },
  { files: ['src/upstream/**', 'src/store/**', 'src/observe/**', 'src/cards-kit/**'], banned: ['features', 'framework', 'inbox', 'batch', 'transport', 'sandbox', 'app', 'main'], why: 'a shared layer imports no one above it' },
  { files: ['src/features/*/**'], banned: ['inbox', 'transport', 'sandbox', 'app', 'main'], why: 'a feature stands on the framework only' },
];

const layerRules = LAYERS.map(({ files, banned, why }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [into(banned, `Layering: ${why}.`)] }] },
}));

/** A feature imports no other feature's files (features/index.ts, which lists them all, excepted). */
const featureRules = FEATURES.map((name) => ({
  files: [`src/features/${name}/**`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        into(['inbox', 'transport', 'sandbox', 'app', 'main'], 'Layering: a feature stands on the framework only.'),
        into(FEATURES.filter((f) => f !== name), `Layering: the ${name} feature may not import another feature's internals; move what both need below them.`),
      ],
    }],
  },
}));

/** The emulator is an independent oracle: it imports nothing of the bot's code. */
const sandboxRule = {
  files: ['src/sandbox/**'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [into(['framework', 'features', 'inbox', 'transport', 'batch', 'upstream', 'store', 'observe', 'cards-kit', 'config', 'app', 'main'], 'The emulator takes its facts from its own tables, never from the bot.')],
    }],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'test-output/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'max-lines': ['error', { max: 300 }],
    },
  },
  ...layerRules,
  ...featureRules,
  sandboxRule,
  // A verbatim copy of the reference's card examples: data, kept whole so it can be compared with cards.md.
  { files: ['test/unit/cardRulesExamples.ts'], rules: { 'max-lines': 'off' } },
  { files: ['scripts/**', 'bench/**'], rules: { 'no-console': 'off' } },
  {
    // The sandbox console's browser modules (plain JavaScript, served as they are).
    files: ['src/sandbox/console/static/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(['window', 'document', 'fetch', 'setTimeout', 'setInterval', 'URLSearchParams', 'Option', 'console', 'structuredClone', 'globalThis'].map((g) => [g, 'readonly'])),
    },
  },
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

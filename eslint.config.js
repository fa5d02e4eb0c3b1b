// ESLint flat config. Besides style, it enforces two project rules from docs/ARCHITECTURE.md:
// 1. import directions between the layers of src/ (router and workflows never import each other);
// 2. determinism: no wall clock, Math.random or real timers in the core (everything but tui, cli, server).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Each layer may import only the layers listed for it (plus itself).
const layers = {
  common: [],
  engine: ['common'],
  topo: ['common', 'engine'],
  tablets: ['common', 'engine', 'topo'],
  router: ['common', 'engine', 'topo', 'tablets'],
  workflows: ['common', 'engine', 'topo', 'tablets'],
  cluster: ['common', 'engine', 'topo', 'tablets', 'router', 'workflows'],
  commands: ['common', 'engine', 'topo', 'tablets', 'router', 'workflows', 'cluster'],
  lessons: ['common', 'engine', 'topo', 'tablets', 'router', 'workflows', 'cluster', 'commands'],
  tui: ['common', 'engine', 'topo', 'tablets', 'router', 'workflows', 'cluster', 'commands', 'lessons'],
  server: ['common', 'engine', 'topo', 'tablets', 'router', 'workflows', 'cluster', 'commands', 'lessons'],
  cli: ['common', 'engine', 'topo', 'tablets', 'router', 'workflows', 'cluster', 'commands', 'lessons', 'tui', 'server'],
};
const all = Object.keys(layers);

function importRulesFor(layer) {
  const forbidden = all.filter((l) => l !== layer && !layers[layer].includes(l));
  return {
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidden.map((l) => ({
            group: [`**/${l}/*`, `**/${l}`],
            message: `src/${layer} may not import src/${l} (see docs/ARCHITECTURE.md, import directions).`,
          })),
        },
      ],
    },
  };
}

const coreLayers = all.filter((l) => !['tui', 'cli', 'server'].includes(l));
const determinism = {
  files: coreLayers.map((l) => `src/${l}/**/*.ts`),
  rules: {
    'no-restricted-globals': [
      'error',
      ...['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'performance', 'crypto'].map((name) => ({
        name,
        message: 'The core is deterministic: use the scheduler and virtual clock of src/engine instead.',
      })),
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: 'Use env.clock.nowMs(): the core never reads the wall clock.' },
      { object: 'Math', property: 'random', message: 'Use env.rng: the core draws randomness from the seeded PRNG.' },
      { object: 'process', property: 'hrtime', message: 'Use env.clock.nowMs(): the core never reads the wall clock.' },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: 'NewExpression[callee.name="Date"][arguments.length=0]',
        message: 'new Date() reads the wall clock; pass the virtual time: new Date(env.clock.nowMs()).',
      },
      {
        selector: 'ImportDeclaration[source.value=/^node:/]',
        message: 'The core is platform-free: file and process access belong in src/cli or src/server.',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'coverage/', 'bin/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  ...all.map(importRulesFor),
  determinism,
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.ts', 'test/**/*.{ts,tsx}'],
    languageOptions: { globals: { URL: 'readonly', setTimeout: 'readonly', performance: 'readonly' } },
  },
);

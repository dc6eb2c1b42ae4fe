// ESLint plugin `layers`: the rooms of src/ (DESIGN.md "Processes and folders") and the layers of src/core,
// checked on the resolved path of every import, so `../db` from shared fails however it is spelled.

import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '..', 'src');

const NODE_NATIVE = ['better-sqlite3-multiple-ciphers', 'pg', 'pg-cursor', '@node-rs/argon2'];
const DRIVERS = ['kysely', 'better-sqlite3-multiple-ciphers', 'pg', 'pg-cursor'];
const UI = ['react', 'react-dom', 'react-i18next', 'i18next', 'react-hook-form', '@hookform/resolvers', '@tanstack/react-table', '@tanstack/react-virtual'];
const isNode = (name) => name.startsWith('node:') || ['fs', 'path', 'crypto', 'os', 'child_process', 'worker_threads', 'stream', 'zlib', 'http', 'https', 'net'].includes(name);

/**
 * What each room may import: other rooms (resolved relative imports), and packages (`allow`: only these;
 * `deny`: all but these). A room not listed here (none today) may import anything.
 */
export const ROOMS = {
  shared: { rooms: ['shared'], allow: ['zod'], why: 'src/shared is runtime-neutral: zod and shared only' },
  db: { rooms: ['shared', 'db'], deny: ['electron', ...UI], why: 'src/db is Node-only storage: it imports shared only, never electron' },
  core: { rooms: ['shared', 'db', 'core'], deny: ['electron', ...UI, ...DRIVERS], why: 'src/core is generic use-cases: no SQL driver or query builder (db owns the database), never electron or React' },
  studies: { rooms: ['shared', 'core', 'studies'], deny: ['electron', ...UI, ...DRIVERS], why: 'a study module builds on core and shared only' },
  tools: { rooms: ['shared', 'core', 'studies', 'tools'], deny: ['electron', ...UI, ...DRIVERS], why: 'tools drive the product through core' },
  server: { rooms: ['shared', 'core', 'studies', 'server'], deny: ['electron', ...UI, ...DRIVERS], why: 'src/server is the loopback transport: it calls core through the contract handlers' },
  cli: { rooms: ['shared', 'core', 'studies', 'tools', 'cli'], deny: ['electron', ...UI, ...DRIVERS], why: 'src/cli parses arguments and calls core (and the tools)' },
  main: { rooms: ['shared', 'core', 'studies', 'server', 'main'], deny: [...UI, ...DRIVERS], why: 'src/main is the thin Electron shell: windows, security, IPC → core' },
  preload: { rooms: ['shared', 'preload'], allow: ['electron'], why: 'src/preload only bridges the contract; no logic, no Node' },
  renderer: { rooms: ['shared', 'renderer'], deny: ['electron', ...NODE_NATIVE, ...DRIVERS, 'age-encryption'], node: false, why: 'the renderer is sandboxed: it talks only to the typed API client' },
};

/**
 * The layers of src/core, lowest first. A file may import its own folder and folders of lower layers only,
 * so use-cases never reach up (and no two folders import each other).
 */
export const CORE_LAYERS = [
  ['clock', 'resources', 'files', 'crypto', 'stats', 'threads'],
  ['keys'],
  ['study'],
  ['store'],
  ['auth'],
  // Data queries: above the session, below the form saves that answer them and the bundles that carry them.
  ['queries'],
  ['users', 'subjects', 'forms', 'audit', 'review', 'backup'],
  ['exchange'],
  ['bundles', 'central', 'dataset'],
  // The study-module interface (analysis, report sections, synthetic patients): above the dataset it reads,
  // below the generic analysis and report that take a module.
  ['modules'],
  ['analysis'],
  ['exports', 'report'],
  ['api'],
];

/**
 * Parts of src/db only src/db may import: the table types (rows never leave db) and the handle's inside
 * (the connection). Everything else of db is its API: repositories, domain types, db functions.
 */
export const DB_INTERNAL = ['db/schema', 'db/handle', 'db/mappers/json-column'];

const layerOf = new Map(CORE_LAYERS.flatMap((folders, i) => folders.map((f) => [f, i])));

function place(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..')) return undefined;
  const parts = rel.split(path.sep);
  const room = parts[0];
  if (room !== 'core') return { room };
  const folder = parts.length === 2 ? parts[1].replace(/\.(ts|tsx|js)$/, '') : parts[1];
  return { room, folder };
}

function packageName(spec) {
  if (spec.startsWith('@')) return spec.split('/').slice(0, 2).join('/');
  return spec.split('/')[0];
}

const rule = {
  meta: { type: 'problem', schema: [], messages: { room: '{{what}}: {{why}} (DESIGN.md).', internal: "'{{what}}' is inside src/db: rows, connections and JSON columns stay there; use a repository, a domain type or a db function.", layer: '{{what}}: core/{{from}} (layer {{a}}) may not import core/{{to}} (layer {{b}}); lower use-cases never import higher ones (eslint/layers.mjs).' } },
  create(context) {
    const file = context.filename;
    const here = place(file);
    if (!here || !ROOMS[here.room]) return {};
    const spec = ROOMS[here.room];
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const there = place(path.resolve(path.dirname(file), source));
        if (!there) return context.report({ node, messageId: 'room', data: { what: `'${source}' is outside src`, why: spec.why } });
        if (!spec.rooms.includes(there.room)) return context.report({ node, messageId: 'room', data: { what: `src/${here.room} may not import src/${there.room}`, why: spec.why } });
        if (here.room !== 'db' && there.room === 'db') {
          const target = path.relative(SRC, path.resolve(path.dirname(file), source)).split(path.sep).join('/').replace(/\.(ts|js)$/, '');
          if (DB_INTERNAL.some((p) => target === p || target.startsWith(`${p}/`))) return context.report({ node, messageId: 'internal', data: { what: source } });
        }
        if (here.room === 'core' && there.room === 'core' && here.folder !== there.folder) {
          const a = layerOf.get(here.folder);
          const b = layerOf.get(there.folder);
          if (a === undefined || b === undefined) return context.report({ node, messageId: 'room', data: { what: `core/${a === undefined ? here.folder : there.folder} has no layer`, why: 'every folder of src/core is listed in CORE_LAYERS' } });
          if (b >= a) context.report({ node, messageId: 'layer', data: { what: `'${source}'`, from: here.folder, to: there.folder, a, b } });
        }
        return;
      }
      const name = packageName(source);
      if (isNode(name)) {
        if (spec.node === false || (spec.allow && !spec.allow.includes(name))) context.report({ node, messageId: 'room', data: { what: `src/${here.room} may not import ${source}`, why: spec.why } });
        return;
      }
      if (spec.allow ? !spec.allow.includes(name) : (spec.deny ?? []).includes(name)) {
        context.report({ node, messageId: 'room', data: { what: `src/${here.room} may not import ${source}`, why: spec.why } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node, node.arguments[0].value);
      },
    };
  },
};

export default { rules: { imports: rule } };

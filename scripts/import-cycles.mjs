// Lists import cycles among the repository's TypeScript files (`node scripts/import-cycles.mjs`;
// `--runtime` ignores type-only imports). Prints each cycle's files; exit code 1 when there is one.
import ts from 'typescript';
import fs from 'node:fs';
import path from 'node:path';
const root = process.cwd();
const runtimeOnly = process.argv.includes('--runtime');
const files = [];
function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'data', '.git', 'test-results'].includes(e.name)) continue;
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
  }
}
walk(root);
const graph = new Map();
for (const f of files) {
  const src = ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  const deps = [];
  const visit = (n) => {
    if (
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) &&
      n.moduleSpecifier &&
      ts.isStringLiteral(n.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(n)
        ? n.importClause?.isTypeOnly ||
          (n.importClause &&
            !n.importClause.name &&
            n.importClause.namedBindings &&
            ts.isNamedImports(n.importClause.namedBindings) &&
            n.importClause.namedBindings.elements.length > 0 &&
            n.importClause.namedBindings.elements.every((e) => e.isTypeOnly))
        : n.isTypeOnly;
      if (!(runtimeOnly && typeOnly)) deps.push(n.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteral(n.arguments[0])
    ) {
      deps.push(n.arguments[0].text);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  const resolved = [];
  for (const d of deps) {
    if (!d.startsWith('.')) continue;
    const base = path.resolve(path.dirname(f), d);
    for (const c of [base, base.replace(/\.js$/, '.ts'), base + '.ts', base + '.tsx', path.join(base, 'index.ts')]) {
      if (fs.existsSync(c) && fs.statSync(c).isFile()) {
        resolved.push(c);
        break;
      }
    }
  }
  graph.set(f, resolved);
}
// Tarjan SCC
let idx = 0;
const st = [];
const on = new Set();
const ix = new Map();
const low = new Map();
const sccs = [];
function sc(v) {
  ix.set(v, idx);
  low.set(v, idx);
  idx++;
  st.push(v);
  on.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!ix.has(w)) {
      sc(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), ix.get(w)));
  }
  if (low.get(v) === ix.get(v)) {
    const c = [];
    let w;
    do {
      w = st.pop();
      on.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1) sccs.push(c);
  }
}
for (const v of graph.keys()) if (!ix.has(v)) sc(v);
for (const c of sccs)
  console.log(
    'cycle:',
    c
      .map((f) => path.relative(root, f))
      .sort()
      .join('  '),
  );
console.log(sccs.length, 'cycles');
process.exitCode = sccs.length > 0 ? 1 : 0;

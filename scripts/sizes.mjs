// `node scripts/sizes.mjs [--top N] [--json] [UNIT…]`: the largest function and the largest file
// of each package and app (default: packages/*, apps/*, scripts, bench and e2e), sources and tests
// apart, each beside the limit ESLint holds it to (eslint.config.js), counted the
// way the lint rules count them (max-lines-per-function, max-lines: blank lines and lines holding
// only comments are skipped), with the TypeScript compiler's parser. `--top N` lists the N
// largest functions of each unit. A function's lines include the functions nested in it, as
// ESLint counts them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const top = Number(flag('--top') ?? 0);
const asJson = args.includes('--json') && args.splice(args.indexOf('--json'), 1).length > 0;
const units = args.length ? args : [...['packages', 'apps'].flatMap((d) => readdirSync(join(root, d)).map((x) => `${d}/${x}`)), 'scripts', 'bench', 'e2e'];

// The limits that apply to a file, as ESLint resolves them for it (overrides included).
const eslint = new ESLint({ cwd: root });
async function limitsOf(path) {
  const rules = (await eslint.calculateConfigForFile(join(root, path))).rules ?? {};
  const max = (rule) => (Array.isArray(rules[rule]) && rules[rule][0] !== 'off' && rules[rule][0] !== 0 ? rules[rule][1]?.max : undefined);
  return { fn: max('max-lines-per-function'), file: max('max-lines') };
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', '.vite']);
const isTest = (path) => /(^|\/)(test|tests|__tests__)\//.test(path) || /\.(test|spec|property\.test)\.[cm]?[jt]sx?$/.test(path);

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts')) yield p;
  }
}

const scriptKind = (p) =>
  p.endsWith('.tsx') ? ts.ScriptKind.TSX : p.endsWith('.jsx') ? ts.ScriptKind.JSX : /\.[cm]?js$/.test(p) ? ts.ScriptKind.JS : ts.ScriptKind.TS;

/** Per line of the file: 1 when some token (not a comment, not blank) is on it. */
function codeLines(sf) {
  const text = sf.text;
  const lineStarts = sf.getLineStarts();
  const code = new Uint8Array(lineStarts.length);
  const mark = (from, to) => {
    let line = sf.getLineAndCharacterOfPosition(from).line;
    const last = sf.getLineAndCharacterOfPosition(Math.max(from, to - 1)).line;
    for (; line <= last; line++) {
      // a multi-line token (template literal, JSX text) counts on the lines where it has text
      const a = Math.max(from, lineStarts[line]);
      const b = Math.min(to, line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length);
      if (/\S/.test(text.slice(a, b))) code[line] = 1;
    }
  };
  const visit = (node) => {
    // JSDoc comments come as child nodes of what they document: they are comments
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const kids = node.getChildren(sf);
    if (kids.length === 0) {
      if (node.kind !== ts.SyntaxKind.EndOfFileToken) mark(node.getStart(sf), node.end);
    } else kids.forEach(visit);
  };
  visit(sf);
  return code;
}

function functionName(node, sf) {
  const p = node.parent;
  if (node.name && ts.isIdentifier(node.name)) {
    const cls = ts.isClassLike(p) && p.name ? `${p.name.text}.` : '';
    return cls + node.name.text;
  }
  if (ts.isConstructorDeclaration(node) && ts.isClassLike(p)) return `${p.name?.text ?? '(class)'}.constructor`;
  if (node.name) return node.name.getText(sf);
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.name) return p.name.getText(sf);
  if (p && ts.isCallExpression(p)) {
    const callee = p.expression.getText(sf).replace(/\s+/g, '');
    const first = p.arguments[0];
    const label = first && ts.isStringLiteralLike(first) ? ` '${first.text.slice(0, 40)}'` : '';
    return `(callback of ${callee.slice(0, 30)}${label})`;
  }
  return '(anonymous)';
}

function measureFile(path) {
  const text = readFileSync(path, 'utf8');
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
  const code = codeLines(sf);
  const count = (fromLine, toLine) => {
    let c = 0;
    for (let l = fromLine; l <= toLine; l++) c += code[l];
    return c;
  };
  const functions = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const a = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const b = sf.getLineAndCharacterOfPosition(node.end).line;
      functions.push({ name: functionName(node, sf), line: a + 1, lines: count(a, b), span: b - a + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { lines: count(0, code.length - 1), span: sf.getLineStarts().length, functions };
}

const report = [];
for (const unit of units) {
  const dir = join(root, unit);
  const kinds = { sources: { file: null, fn: null, fns: [] }, tests: { file: null, fn: null, fns: [] } };
  for (const path of walk(dir)) {
    const rel = relative(root, path);
    const k = kinds[isTest(relative(dir, path)) ? 'tests' : 'sources'];
    const m = measureFile(path);
    if (!k.file || m.lines > k.file.lines) k.file = { path: rel, lines: m.lines, span: m.span };
    for (const f of m.functions) {
      const fn = { ...f, path: rel };
      k.fns.push(fn);
      if (!k.fn || f.lines > k.fn.lines) k.fn = fn;
    }
  }
  for (const k of Object.values(kinds)) {
    if (k.fn) k.fn.limit = (await limitsOf(k.fn.path)).fn;
    if (k.file) k.file.limit = (await limitsOf(k.file.path)).file;
    k.fns.sort((x, y) => y.lines - x.lines);
    k.top = k.fns.slice(0, top);
    delete k.fns;
  }
  report.push({ unit, ...kinds });
}

if (asJson) console.log(JSON.stringify(report, null, 2));
else {
  const limit = (f) => (f.limit ? `, limit ${f.limit}` : '');
  const fn = (f) => (f ? `${f.name} (${f.path}:${f.line}) ${f.lines} lines${limit(f)} [${f.span} with blanks and comments]` : '—');
  const file = (f) => (f ? `${f.path} ${f.lines} lines${limit(f)} [${f.span}]` : '—');
  for (const r of report) {
    console.log(`${r.unit}`);
    for (const kind of ['sources', 'tests']) {
      const k = r[kind];
      console.log(`  ${kind.padEnd(7)} largest function: ${fn(k.fn)}`);
      console.log(`  ${''.padEnd(7)} largest file:     ${file(k.file)}`);
      for (const f of k.top) console.log(`  ${''.padEnd(9)}${String(f.lines).padStart(5)}  ${f.name} (${f.path}:${f.line})`);
    }
  }
}

// Japanese written inline in the code instead of in a messages.ts (issue 17): counted per file of
// src/ (every .tsx and .ts but the tests, src/test/, declarations `*.d.ts`, generated `*.gen.ts` and
// the catalogues `messages.ts` themselves) against a baseline that may only shrink.
// `src/test/inlineStrings.test.ts` fails when a file holds more than its baseline or a file not in
// the baseline holds any.
//
// Counted: string literals, template literals and JSX text holding Japanese. Not counted: comments,
// regular expressions: a regex literal (`/(年度|年)$/`) and the pattern passed to `new RegExp(…)` or
// `RegExp(…)` (a string or template literal as its first argument). A pattern is what the code
// parses, never a word shown. Anything else used for parsing (an era name looked for in what was
// typed, `endsWith('円')`) is counted like a word, and comes from a messages.ts like one.
//
//   node scripts/inline-strings.mjs           # today's counts beside the baseline
//   node scripts/inline-strings.mjs --write   # lowers the baseline to today's counts (never raises it)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const FRONTEND = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BASELINE_FILE = join(FRONTEND, 'src', 'test', 'inline-strings.baseline.json');

/** Hiragana, katakana, kanji and full-width forms: the same test as src/lib/untranslated.ts. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff9f]/;

/** `node` is the pattern of `new RegExp(…)` or `RegExp(…)`. */
function isRegExpPattern(node) {
  const { parent } = node;
  if (!parent || !(ts.isNewExpression(parent) || ts.isCallExpression(parent))) return false;
  return ts.isIdentifier(parent.expression) && parent.expression.text === 'RegExp' && parent.arguments?.[0] === node;
}

/**
 * String literals, template literals and JSX text in `source` that hold Japanese (comments and
 * regular expressions do not count). `fileName` tells a `.ts` module (no JSX: `<T>(x: T) => x` is
 * a generic) from a `.tsx` component.
 */
export function inlineStringsIn(source, fileName = 'file.tsx') {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const found = [];
  const visit = (node) => {
    let text = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('');
    if (text !== null && JAPANESE.test(text) && !isRegExpPattern(node)) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      found.push({ line: line + 1, text: text.trim() });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * Whether a file (its name) is checked: components (`.tsx`) and modules (`.ts`), but not the tests
 * (`*.test.ts(x)`), declarations (`*.d.ts`), generated modules (`*.gen.ts`) or the catalogues
 * (`messages.ts`), where the words belong.
 */
export function isChecked(name) {
  if (!/\.tsx?$/.test(name) || /\.test\.tsx?$/.test(name)) return false;
  return !name.endsWith('.d.ts') && !name.endsWith('.gen.ts') && name !== 'messages.ts';
}

/** The files checked: every checked file under src/ but the test helpers in src/test/. */
function checkedFiles(dir = join(FRONTEND, 'src')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return dir === join(FRONTEND, 'src') && entry.name === 'test' ? [] : checkedFiles(path);
    return isChecked(entry.name) ? [path] : [];
  });
}

/** `{ 'src/pages/plans/PlanPage.tsx': 12, 'src/lib/plans.ts': 3, … }` for the files holding any, sorted by path. */
export function currentCounts() {
  const counts = {};
  for (const path of checkedFiles().sort()) {
    const count = inlineStringsIn(readFileSync(path, 'utf8'), path).length;
    if (count > 0) counts[relative(FRONTEND, path).split(sep).join('/')] = count;
  }
  return counts;
}

export function readBaseline() {
  return JSON.parse(readFileSync(BASELINE_FILE, 'utf8'));
}

/** What grew: a file above its baseline, or a file the baseline does not list. */
export function grownAgainst(current, baseline) {
  return Object.entries(current)
    .filter(([file, count]) => count > (baseline[file] ?? 0))
    .map(([file, count]) => `${file}: ${count} (baseline ${baseline[file] ?? 0})`);
}

function main() {
  const current = currentCounts();
  const baseline = readBaseline();
  const grown = grownAgainst(current, baseline);
  const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
  for (const file of new Set([...Object.keys(baseline), ...Object.keys(current)])) {
    if ((current[file] ?? 0) !== (baseline[file] ?? 0)) console.log(`${file}: ${baseline[file] ?? 0} → ${current[file] ?? 0}`);
  }
  console.log(`inline Japanese: ${total(current)} now, ${total(baseline)} in the baseline`);
  if (!process.argv.includes('--write')) return;
  if (grown.length > 0) {
    console.error(`not written: these grew; move their strings into messages.ts\n${grown.join('\n')}`);
    process.exit(1);
  }
  writeFileSync(BASELINE_FILE, `${JSON.stringify(current, null, 2)}\n`);
  console.log(`written ${relative(FRONTEND, BASELINE_FILE)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

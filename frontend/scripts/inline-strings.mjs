// Japanese written inline in components instead of in a messages.ts (issue 17): counted per .tsx
// file against a baseline that may only shrink. `src/test/inlineStrings.test.ts` fails when a file
// holds more than its baseline or a file not in the baseline holds any.
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

/** String literals, template literals and JSX text in `source` that hold Japanese (comments do not count). */
export function inlineStringsIn(source, fileName = 'file.tsx') {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found = [];
  const visit = (node) => {
    let text = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('');
    if (text !== null && JAPANESE.test(text)) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      found.push({ line: line + 1, text: text.trim() });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The components checked: every .tsx under src/ but the tests and their helpers. */
function componentFiles(dir = join(FRONTEND, 'src')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : componentFiles(path);
    return entry.name.endsWith('.tsx') && !entry.name.endsWith('.test.tsx') ? [path] : [];
  });
}

/** `{ 'src/pages/plans/PlanPage.tsx': 12, … }` for the files holding any, sorted by path. */
export function currentCounts() {
  const counts = {};
  for (const path of componentFiles().sort()) {
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

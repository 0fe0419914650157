/**
 * Japanese on screen lives in the screen's messages.ts (issue 17). Components (.tsx) and modules
 * (.ts) still holding some are listed with their count in inline-strings.baseline.json; a count may
 * only go down. After moving strings out, `npm run inline-strings -- --write` lowers the baseline.
 */
import { describe, expect, it } from 'vitest';

import { currentCounts, grownAgainst, inlineStringsIn, isChecked, readBaseline } from '../../scripts/inline-strings.mjs';

describe('inline Japanese in components and modules', () => {
  it('is counted in string literals, template literals, attributes and JSX text, never in comments', () => {
    const source = [
      "// 注釈は数えない",
      "const code = 'form1';",
      "const title = '計画';",
      'const line = `${3}件を表示`;',
      'export function A() {',
      '  return <p aria-label="閉じる">読み込んでいます… {title}</p>;',
      '}',
    ].join('\n');
    expect(inlineStringsIn(source).map((s) => s.text)).toEqual(['計画', '件を表示', '閉じる', '読み込んでいます…']);
  });

  it('is counted in a .ts module, never in a regular expression or the pattern given to RegExp', () => {
    const source = [
      "const copy = <T>(value: T): T => value;",
      "const YEAR = /(年度|年)$/;",
      "const era = (name: string) => new RegExp(`^${name}(\\d{1,2}|元)$`);",
      "const term = RegExp('(兆|億|万)', 'g');",
      "export const label = (n: number) => `${n}年度`;",
      "export const first = '元';",
    ].join('\n');
    expect(inlineStringsIn(source, 'src/lib/years.ts').map((s) => s.text)).toEqual(['年度', '元']);
  });

  it('checks components and modules, not tests, declarations, generated modules or the catalogues', () => {
    expect(['PlanPage.tsx', 'dates.ts'].filter(isChecked)).toEqual(['PlanPage.tsx', 'dates.ts']);
    expect(['dates.test.ts', 'PlanPage.test.tsx', 'schema.d.ts', 'rules.gen.ts', 'messages.ts', 'inline-strings.mjs'].filter(isChecked)).toEqual([]);
  });

  it('fails on a file that grew or a new file, and lets a file shrink or disappear', () => {
    const baseline = { 'src/A.tsx': 3, 'src/B.tsx': 1 };
    expect(grownAgainst({ 'src/A.tsx': 2 }, baseline)).toEqual([]);
    expect(grownAgainst({ 'src/A.tsx': 4, 'src/C.tsx': 1 }, baseline)).toEqual(['src/A.tsx: 4 (baseline 3)', 'src/C.tsx: 1 (baseline 0)']);
  });

  it('grows in no file beyond the baseline', () => {
    expect(grownAgainst(currentCounts(), readBaseline())).toEqual([]);
  });
});

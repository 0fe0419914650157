/**
 * Every message catalogue of the SPA is Japanese (issue 11): each `messages.ts` (the app's, the
 * labels of roles and tiers in auth/messages.ts among them) and the field labels. Every string
 * value is read, every function is called with sample arguments (and, taking one argument, with a
 * code it does not know: a catalogue never hands an unknown code through to the screen).
 */
import { describe, expect, it } from 'vitest';

import { DEFAULT_FIELD_MESSAGE, FALLBACK_TITLES, FIELD_MESSAGES } from '../api/messages';
import { ALLOWED_WORDS, isTranslated, untranslated } from '../lib/untranslated';

const catalogues: Record<string, Record<string, unknown>> = {
  ...import.meta.glob<Record<string, unknown>>('/src/**/messages.ts', { eager: true }),
  ...import.meta.glob<Record<string, unknown>>('/src/lib/fieldLabels.ts', { eager: true }),
};

/** Exports that are not words for people, with the reason. */
const NOT_FOR_PEOPLE: Record<string, string> = {
  '/src/pages/notifications/messages.ts:MAIL_STATE_TONES': 'CSS classes of the state badges',
};

/** Single texts that hold codes on purpose, with the reason. */
const CODES_ON_PURPOSE: Record<string, string> = {
  '/src/pages/admin/messages.ts:ADMIN_MESSAGES.clientForm.organisationHelp':
    'tells the admin which organisation codes to type (cas, meti, maff): the codes are the input',
};

/** Object keys whose values are codes or addresses, not words: `{ code: 'form1', label: '様式1' }`. */
const CODE_KEYS = new Set(['code', 'value', 'id', 'key', 'kind', 'scope', 'href', 'path', 'to', 'className', 'tone', 'role', 'tier']);

const SAMPLE_ARGS: unknown[][] = [[], ['見本'], [3], ['見本', '見本'], [3, 1, 2], ['見本', 3], [3, '見本']];
const UNKNOWN_CODE = 'some_unknown_code';

interface Found {
  where: string;
  text: string;
}

function collect(value: unknown, where: string, out: Found[], depth = 0): void {
  if (depth > 8) return;
  if (typeof value === 'string') {
    out.push({ where, text: value });
  } else if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    const tried = new Set<string>();
    for (const args of SAMPLE_ARGS.filter((a) => a.length === fn.length)) {
      try {
        const result = fn(...args);
        if (typeof result === 'string' && !tried.has(result)) {
          tried.add(result);
          out.push({ where: `${where}(${args.join(', ')})`, text: result });
        }
      } catch {
        // a sample of the wrong kind for this function: the next one fits
      }
    }
    if (fn.length === 1) {
      // a label looked up by its code must not hand an unknown code through as it is
      let result: unknown;
      try {
        result = fn(UNKNOWN_CODE);
      } catch {
        result = undefined;
      }
      if (result === UNKNOWN_CODE) out.push({ where: `${where}(${UNKNOWN_CODE})`, text: result });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collect(item, `${where}[${index}]`, out, depth + 1));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (CODE_KEYS.has(key)) continue;
      collect(item, `${where}.${key}`, out, depth + 1);
    }
  }
}

function textsOf(modules: Record<string, Record<string, unknown>>): Found[] {
  const out: Found[] = [];
  for (const [file, module] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(module)) {
      if (NOT_FOR_PEOPLE[`${file}:${name}`]) continue;
      collect(value, `${file}:${name}`, out);
    }
  }
  return out;
}

function untranslatedIn(modules: Record<string, Record<string, unknown>>): string[] {
  return textsOf(modules)
    .filter(({ where }) => !CODES_ON_PURPOSE[where])
    .map(({ where, text }) => ({ where, text, reasons: untranslated(text) }))
    .filter(({ reasons }) => reasons.length > 0)
    .map(({ where, text, reasons }) => `${where}: ${JSON.stringify(text)} ${reasons.join(' / ')}`);
}

describe('the rule', () => {
  it.each([
    'Field required',
    'file: 必須項目です',
    'lt',
    '比較は lt で指定してください',
    'accompanying_support は必須です',
    'capex_target_yearを入力してください',
    "{'loc': ['body']}",
    '[{"field": "title"}]',
    '値が undefined です',
    '[object Object]',
    '現在の状態(draft)ではできません',
    '',
  ])('refuses %j', (text) => {
    expect(untranslated(text)).not.toEqual([]);
  });

  it.each([
    'KGI「計画での付加価値増加額」の目標値を入力してください',
    'ファイルは 10 MB 以下にしてください',
    '例：taro.chiiki@pref.example.lg.jp',
    '詳細: https://chiiki.example/plans/12',
    'A類型・2027年度上期・R9',
  ])('accepts %j', (text) => {
    expect(untranslated(text)).toEqual([]);
  });

  it('allows the same words as the API tests', () => {
    expect(ALLOWED_WORDS.has('KGI') && ALLOWED_WORDS.has('xlsx') && !ALLOWED_WORDS.has('lt')).toBe(true);
  });
});

describe('every message catalogue of the SPA', () => {
  it('is found', () => {
    const files = Object.keys(catalogues);
    expect(files).toContain('/src/messages.ts');
    expect(files.filter((f) => f.endsWith('/messages.ts')).length).toBeGreaterThanOrEqual(8);
    expect(textsOf(catalogues).length).toBeGreaterThan(500);
  });

  it('holds only Japanese', () => {
    expect(untranslatedIn(catalogues)).toEqual([]);
  });

  it('is checked for real: a seeded catalogue with English, codes and a pass-through fails', () => {
    const seeded = {
      '/src/pages/seeded/messages.ts': {
        SEEDED: {
          ok: '保存しました',
          english: 'Saved',
          hint: { nested: 'kgis/0/target を確認' },
          code: 'form1',
          label: (code: string) => ({ draft: '作成中' } as Record<string, string>)[code] ?? code,
          sentence: (name: string) => `${name}さんを登録しました`,
        },
      },
    };
    const found = untranslatedIn(seeded);
    expect(found.map((line) => (line.split(':')[1] ?? '').split(' ')[0])).toEqual([
      'SEEDED.english',
      'SEEDED.hint.nested',
      `SEEDED.label(${UNKNOWN_CODE})`,
    ]);
  });
});

describe("problem.ts's own wording", () => {
  it('is Japanese', () => {
    const texts = [...Object.values(FALLBACK_TITLES), ...Object.values(FIELD_MESSAGES), DEFAULT_FIELD_MESSAGE];
    expect(texts.filter((t) => !isTranslated(t))).toEqual([]);
  });
});

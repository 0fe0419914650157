import { describe, expect, it } from 'vitest';

import { isTranslated } from '../lib/untranslated';
import { DEFAULT_FIELD_MESSAGE, FALLBACK_TITLES, FIELD_MESSAGES } from './messages';
import { ApiError, toProblem } from './problem';

describe('toProblem shows only Japanese', () => {
  it('keeps the Japanese title, detail and field messages the API sends', () => {
    const problem = toProblem(422, {
      type: 'https://chiiki-platform.example/problems/validation',
      title: '入力内容に誤りがあります',
      detail: '入力内容を確認してください。誤りのある項目をすべて示します。',
      errors: [{ field: 'kgis/0/target', message: '0以上の値を入力してください', code: 'greater_than_equal' }],
    });
    expect(problem.title).toBe('入力内容に誤りがあります');
    expect(problem.detail).toBe('入力内容を確認してください。誤りのある項目をすべて示します。');
    expect(problem.errors).toEqual([
      { field: 'kgis/0/target', message: '0以上の値を入力してください', code: 'greater_than_equal' },
    ]);
  });

  it('replaces an English title and drops an English detail', () => {
    const problem = toProblem(502, { title: 'Bad Gateway', detail: 'plans-api: connection refused' });
    expect(problem.title).toBe(FALLBACK_TITLES.server);
    expect(problem.detail).toBeUndefined();
    const error = new ApiError(problem);
    expect(error.message).toBe(FALLBACK_TITLES.server);
    expect(isTranslated(error.message)).toBe(true);
  });

  it('replaces a detail holding a code or a field path', () => {
    expect(toProblem(409, { title: '現在の状態ではこの操作はできません', detail: '現在の状態(draft)ではできません' }).detail).toBeUndefined();
    expect(toProblem(422, { title: '入力内容に誤りがあります', detail: 'accompanying_support は必須です' }).detail).toBeUndefined();
  });

  it('gives an English field message the Japanese of its code, or a Japanese fallback', () => {
    const problem = toProblem(422, {
      title: 'Unprocessable Entity',
      errors: [
        { field: 'capex_target_year', message: 'Input should be a valid integer', code: 'int_parsing' },
        { field: 'file', message: 'file: lt', code: 'something_new' },
        { field: 'title', message: "{'loc': ['body', 'title']}" },
      ],
    });
    expect(problem.title).toBe('リクエストが正しくありません');
    expect(problem.errors?.map((e) => e.message)).toEqual([
      FIELD_MESSAGES.int_parsing,
      DEFAULT_FIELD_MESSAGE,
      DEFAULT_FIELD_MESSAGE,
    ]);
    // the path stays, so the screen can place the message beside its field
    expect(problem.errors?.map((e) => e.field)).toEqual(['capex_target_year', 'file', 'title']);
  });

  it('has a Japanese title for every status, with or without a body', () => {
    for (const status of [0, 400, 401, 403, 404, 405, 409, 412, 413, 415, 422, 428, 429, 500, 502, 503, 504]) {
      for (const body of [null, 'Internal Server Error', {}, { title: 'Not Found', detail: 'Not Found' }]) {
        const problem = toProblem(status, body);
        expect(isTranslated(problem.title), `${status} ${JSON.stringify(body)}`).toBe(true);
        expect(problem.detail).toBeUndefined();
      }
    }
  });

  it('has only Japanese in its own catalogues', () => {
    for (const text of [...Object.values(FALLBACK_TITLES), ...Object.values(FIELD_MESSAGES), DEFAULT_FIELD_MESSAGE]) {
      expect(isTranslated(text), text).toBe(true);
    }
  });
});

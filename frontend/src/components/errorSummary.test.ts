import { describe, expect, it } from 'vitest';
import { ApiError, toProblem } from '../api/problem';
import { summaryItemsOf } from './ErrorSummary';

describe('summaryItemsOf', () => {
  const fieldIdOf = (field: string) => ({ name: 'round-name', last_day: 'round-last-day' })[field];

  it('links each field the server named to its input, and keeps the others as text', () => {
    const error = new ApiError(
      toProblem(422, {
        title: '入力内容に誤りがあります',
        status: 422,
        errors: [
          { field: 'name', message: '名称を入力してください' },
          { field: 'last_day', message: '日付の形式が正しくありません' },
          { field: 'unknown', message: '期限の順序が正しくありません' },
        ],
      }),
    );
    expect(summaryItemsOf(error, fieldIdOf)).toEqual([
      { fieldId: 'round-name', message: '名称を入力してください' },
      { fieldId: 'round-last-day', message: '日付の形式が正しくありません' },
      { message: '期限の順序が正しくありません' },
    ]);
  });

  it('says the server’s message alone when no field is named, and a failure’s own otherwise', () => {
    const conflict = new ApiError(toProblem(409, { title: '競合しています', status: 409, detail: '同じ名称の期限があります' }));
    expect(summaryItemsOf(conflict, fieldIdOf)).toEqual([{ message: '同じ名称の期限があります' }]);
    expect(summaryItemsOf(new Error('通信できませんでした'), fieldIdOf)).toEqual([{ message: '通信できませんでした' }]);
  });
});

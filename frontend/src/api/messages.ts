/** The SPA's own wording for failed API calls (problem.ts): what a screen shows when the server's is not Japanese. */
import type { ProblemKind } from './problem';

/** A problem's title by its kind, when the server sent none or one that is not Japanese. */
export const FALLBACK_TITLES: Partial<Record<ProblemKind, string>> = {
  network: 'サーバーに接続できません。ネットワークの状態を確認してください',
  unauthorized: 'ログインが必要です',
  forbidden: 'この操作を行う権限がありません',
  not_found: '対象が見つかりません',
  stale: '他の利用者が先に更新しました',
  rate_limited: 'リクエストが多すぎます。しばらく待ってから再試行してください',
  server: 'サーバーでエラーが発生しました。しばらく待ってから再試行してください',
};

/** Used when a title is missing, or is not Japanese, for a kind without its own. */
export const DEFAULT_TITLE = 'リクエストが正しくありません';

/** Shown at a field whose message from the server is not Japanese and whose code is unknown. */
export const DEFAULT_FIELD_MESSAGE = '入力内容を確認してください';

/**
 * Japanese for a field error by its code, for when the server's message cannot be shown (it is
 * in English or holds a code). The API sends Japanese already; this is the SPA's own safety net.
 */
export const FIELD_MESSAGES: Record<string, string> = {
  missing: '必須項目です',
  extra_forbidden: 'この項目は指定できません',
  string_type: '文字列で指定してください',
  string_too_short: '文字数が足りません',
  string_too_long: '文字数が多すぎます',
  string_pattern_mismatch: '形式が正しくありません',
  int_type: '整数で入力してください',
  int_parsing: '整数で入力してください',
  int_from_float: '小数ではなく整数で入力してください',
  float_type: '数値で入力してください',
  float_parsing: '数値で入力してください',
  decimal_parsing: '数値で入力してください',
  greater_than_equal: '値が小さすぎます',
  greater_than: '値が小さすぎます',
  less_than_equal: '値が大きすぎます',
  less_than: '値が大きすぎます',
  enum: '選択肢から選んでください',
  literal_error: '選択肢から選んでください',
  bool_parsing: 'はい・いいえで指定してください',
  date_parsing: '日付の形式が正しくありません',
  datetime_parsing: '日時の形式が正しくありません',
  too_long: '件数が多すぎます',
  too_short: '件数が足りません',
  control_character: '制御文字(NUL など)は入力できません',
  strict_input: '数値で入力してください',
};

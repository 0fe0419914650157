/** UI strings of the shared form fields (NumberField, FiscalYearField, HalfYearSelect, ComboBox) and the pickers. */
export const FIELD_COMPONENT_MESSAGES = {
  /** A field's error under it, marked as the design system marks one: 「＊必須項目です」. */
  fieldError: (message: string) => `＊${message}`,
  choose: '選んでください',
  numberHint: (unit: string) => (unit ? `単位：${unit}。12億、4,800万、１２０のようにも入力できます。` : '12億、4,800万、１２０のようにも入力できます。'),
  yearHint: '2027、令和9年度、R9のいずれでも入力できます。',
  readOnlyYear: '計画の目標年度（自動）',
  noMatch: '該当するものがありません。',
  matches: (n: number) => `候補が${n}件あります。上下の矢印キーで選べます。`,
} as const;

/** UI strings of the 業種 picker (日本標準産業分類). */
export const JSIC_PICKER_MESSAGES = {
  searchHint: '日本標準産業分類（令和5年7月改定）から、分類番号または名称で探して選びます（例：半導体、28、E2814）。',
  results: '候補',
  none: '業種はまだ選ばれていません。',
  found: (n: number) => `${String(n)}件見つかりました。`,
  notFound: '該当する分類はありません。別の語や分類番号で探してください。',
  add: (label: string) => `${label} を加える`,
  remove: (label: string) => `${label} を外す`,
  removeShort: '外す',
  chosen: '選んだ業種',
  unknown: '（日本標準産業分類の一覧にない分類です。外して選び直してください）',
  unavailable: '分類の一覧を読み込めませんでした。再読み込みしてください。',
} as const;

/** UI strings of the core-company picker (companies registered in scoring). */
export const COMPANY_PICKER_MESSAGES = {
  search: '登録済みの企業から探す',
  hint: '企業名の一部か13桁の法人番号で、重点支援企業の選定などで登録された企業を探せます。見つからない企業は下の「追加」から法人番号を入力します。',
  searching: '検索しています。',
  found: (n: number, total: number) => (total > n ? `${String(total)}件見つかりました（上位${String(n)}件を表示）。` : `${String(n)}件見つかりました。`),
  none: '該当する登録企業はありません。',
  failed: '登録企業を検索できませんでした。法人番号を入力して追加してください。',
  company: (name: string, corporateNumber: string) => `${name}（法人番号 ${corporateNumber}）`,
  pick: (name: string, corporateNumber: string) => `${name}（法人番号 ${corporateNumber}）を加える`,
  already: '（追加済み）',
} as const;

/** A failed call shown as one line under a side list: 「版の履歴を読み込めませんでした：対象が見つかりません」. */
export const API_ERROR_MESSAGES = {
  line: (title: string, message: string) => `${title}：${message}`,
} as const;

/** The notice banner: its tone named for screen readers (「エラー：…」) and its close button. */
export const NOTICE_MESSAGES = {
  tones: { info: 'お知らせ', warning: '注意', error: 'エラー', success: '完了' },
  toneLabel: (tone: string) => `${tone}：`,
  close: '閉じる',
} as const;

/** The pager of an offset-paged list. */
export const PAGER_MESSAGES = {
  label: 'ページ送り',
  previous: '前のページ',
  next: '次のページ',
} as const;

/** The mark beside a field's label. */
export const REQUIREMENT_MESSAGES = {
  required: '※必須',
  optional: '任意',
} as const;

/** UI strings of the version history (版の履歴) and the import dialog. */
import type { DescribedChange } from '../../../api/versions';

export const KIND_LABELS: Record<DescribedChange['kind'], string> = {
  added: '追加',
  changed: '変更',
  removed: '削除',
};

export const VERSION_MESSAGES = {
  historyTitle: '版の履歴',
  historyLead: '内容を変更するたびに版が記録されます。どの版も表示でき、「この版に戻す」と、その内容が新しい版として記録されます（それまでの版は消えません）。',
  loading: '版の履歴を読み込んでいます…',
  empty: 'まだ記録された版はありません。',
  loadFailed: '版の履歴を読み込めませんでした',
  caption: '版の一覧（新しい順）',
  colVersion: '版',
  colWhen: '日時',
  colWho: '記録した人',
  colWhat: '内容',
  colActions: '操作',
  versionLabel: (n: number) => `第${n}版`,
  current: '現在の内容',
  restoredFrom: (n: number) => `第${n}版の内容に戻しました`,
  /** Between the version's source and what changed: 「様式の取込：基本情報（2件）」. */
  sourceSeparator: '：',
  changedAreas: (areas: string[], count: number) => (count === 0 ? '内容の変更なし' : `${areas.join('・')}（${count}件）`),
  view: (n: number) => `第${n}版を表示する`,
  pdf: (n: number) => `第${n}版をPDFで表示`,
  close: '閉じる',
  more: 'さらに古い版を表示する',
  viewTitle: (n: number) => `第${n}版の内容`,
  viewLoading: '版を読み込んでいます…',
  tabContent: 'この版の内容',
  tabDiff: '現在の内容との違い',
  diffLead: '「この版に戻す」と、現在の内容から次のとおり変わります。',
  noDiff: 'この版の内容は現在の内容と同じです。',
  emptyContent: '記載された内容はありません。',
  restore: 'この版に戻す',
  restoreTitle: (n: number) => `第${n}版に戻しますか`,
  restoreLead: (n: number) =>
    `第${n}版の内容を新しい版として記録します。現在の内容も版の履歴に残り、いつでも表示・復元できます。`,
  restoreConfirm: '戻す',
  restoring: '戻しています…',
  cancel: 'キャンセル',
  restored: (n: number, next: number) => `第${n}版の内容に戻しました（第${next}版として記録しました）。`,
  restoreFailed: '版を戻せませんでした：',
  dirty: '未保存の変更があります。保存するか破棄してから戻してください。',
  beforeAfter: (before: string | null, after: string | null) => `変更前：${before ?? '（なし）'} → 変更後：${after ?? '（なし）'}`,
  groupHeading: (kind: string, count: number) => `${kind}（${count}件）`,
  /** A change's heading when only part of the item changed: 「KGI「付加価値増加額」 ＞ 目標値」. */
  changeHeading: (item: string, field: string) => `${item} ＞ ${field}`,
};

export const IMPORT_MESSAGES = {
  open: '様式（Excel）を取り込む',
  title: '様式（Excel）の取込',
  lead: '取り込む様式を選ぶと、計画の内容がどう変わるかを先に表示します。確認してから「取り込む」を押すまで、計画は変更されません。',
  file: '取り込む様式（Excel）ファイル',
  fileHint: 'この計画から出力した様式（.xlsx）を選んでください。',
  reading: '様式を読み込んでいます…',
  previewTitle: (name: string) => `「${name}」を取り込むと次のとおり変わります`,
  noChanges: 'この様式の内容は現在の計画と同じです。取り込んでも変わりません。',
  count: (n: number) => `変更 ${n}件`,
  apply: '取り込む',
  applying: '取り込んでいます…',
  cancel: 'キャンセル',
  refused: '取り込めません：',
  /** A refused part of the workbook: 「KGI 2行目：…」 */
  fieldLine: (field: string, message: string) => `${field}：${message}`,
  applied: (name: string) => `${name} を取り込みました。`,
  stale: '様式を確認している間に計画が更新されました。もう一度ファイルを選んで、変更内容を確認してください。',
  dirty: '未保存の変更があります。取り込むと画面上の未保存の変更は失われます。',
};

const AREA_OF_FIELD: [RegExp, string][] = [
  [/^file$/, 'ファイル'],
  [/^core_companies\/(\d+)/, '核となる企業・事業者'],
  [/^kgis\/(\d+)/, 'KGI'],
  [/^kpis\/(\d+)/, 'KPI'],
  [/^strategic_fields\/(\d+)/, '戦略分野'],
  [/^様式/, '様式の記載項目'],
];

/** Where a problem in the workbook is, in Japanese (never a field path): 「KGI 2行目」. */
export function importFieldLabel(field: string): string {
  for (const [pattern, label] of AREA_OF_FIELD) {
    const match = pattern.exec(field);
    if (match) return match[1] !== undefined ? `${label} ${Number(match[1]) + 1}行目` : label;
  }
  return '様式';
}

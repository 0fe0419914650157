/** The Japanese words of the helpers in src/lib (dates, fiscal years, yen, identifiers, the editor's working copy). */

/**
 * The words of the date formats (dates.ts, fiscalYears.ts, deadlines.ts): 「2026年6月5日（金）」,
 * 「令和8年6月5日」, 「令和8年度（2026年度）」, 「2027年度上期（令和9年度）」.
 */
export const DATE_MESSAGES = {
  /** Sunday first, as `Date.getUTCDay()` counts. */
  weekdays: ['日', '月', '火', '水', '木', '金', '土'],
  /** The first year of an era: 「令和元年」. */
  firstYear: '元',
  /** 「令和8年」 */
  warekiYear: (era: string, year: string) => `${era}${year}年`,
  /** After the 和暦 year: 「6月5日」. */
  monthDay: (month: number, day: number) => `${month}月${day}日`,
  /** 「2026年6月5日」 */
  seireki: (year: number, month: number, day: number) => `${year}年${month}月${day}日`,
  /** After a date: 「（金）」. */
  weekday: (weekday: string) => `（${weekday}）`,
  /** 「令和8年6月5日（2026年6月5日）」 */
  both: (wareki: string, seireki: string) => `${wareki}（${seireki}）`,
  /** 「令和8年度」, from 「令和8」. */
  warekiFiscalYear: (eraYear: string) => `${eraYear}年度`,
  /** 「令和8年度（2026年度）」 */
  fiscalYearBoth: (wareki: string, year: number) => `${wareki}（${year}年度）`,
  /** 「令和9年度 / 2027年度」, as the fiscal-year fields show what they read. */
  fiscalYearField: (wareki: string, year: number) => `${wareki} / ${year}年度`,
  firstHalf: '上期',
  secondHalf: '下期',
  /** 「2027年度上期（令和9年度）」 */
  halfYear: (year: number, half: string, wareki: string) => `${year}年度${half}（${wareki}）`,
  /** 「2026年7月15日（水）まで」 */
  until: (day: string) => `${day}まで`,
  /** A moment of a deadline: 「2026年6月1日（月） 12:00（日本時間）」. */
  jstMoment: (at: string) => `${at}（日本時間）`,
  notADateTime: (value: string) => `日時として解釈できません: ${value}`,
  notADate: (value: string) => `日付として解釈できません: ${value}`,
  beforeHeisei: '平成より前の日付は和暦に変換できません',
} as const;

/** The words of yen amounts (money.ts). */
export const MONEY_MESSAGES = {
  /** The suffix of each unit an amount is shown in: 「123,457千円」. */
  units: { yen: '円', thousand: '千円', million: '百万円' },
  notWholeYen: (amount: number) => `円の金額は整数で指定してください: ${amount}`,
} as const;

/** What is wrong with a 法人番号 as typed (identifiers.ts). */
export const IDENTIFIER_MESSAGES = {
  corporateNumberDigits: '法人番号は数字13桁で入力してください。',
  corporateNumberLength: (length: number) => `法人番号は13桁です（いま${length}桁）。`,
  corporateNumberCheckDigit: '法人番号のチェックディジット（先頭の1桁）が合いません。番号を確認してください。',
} as const;

/**
 * The editor's working copy as the screens name it (planDraft.ts): the fields a refused save names,
 * and each line of the side-by-side comparison of two versions (412).
 */
export const DRAFT_LABELS = {
  title: '計画の名称',
  periodStart: '計画期間の開始年度',
  goalYear: '目標年度',
  strategicFields: '戦略分野',
  jsic: '日本標準産業分類',
  baseline: '基準値',
  baselineYear: '基準年度',
  target: '目標値',
  targetYear: '目標年度',
  threshold: '閾値',
  /** 「要件2の充足状況」 */
  statement: (number: string) => `要件${number}の充足状況`,
  /** 「付加価値増加額／…／基準値 120（2025年度）／目標値 300百万円（2030年度）／根拠 …」 */
  kgiLine: (kind: string, name: string, baseline: string, baselineYear: string, target: string, unit: string, targetYear: string, basis: string) =>
    `${kind}／${name}／基準値 ${baseline}（${baselineYear}年度）／目標値 ${target}${unit}（${targetYear}年度）／根拠 ${basis}`,
  /** 「製造品出荷額（百万円）／目標 2027H1=100／撤退基準 50を下回る …／…」 */
  kpiLine: (name: string, unit: string, targets: string, threshold: string, comparator: string, withdrawal: string, plan: string) =>
    `${name}（${unit}）／目標 ${targets}／撤退基準 ${threshold}${comparator} ${withdrawal}／${plan}`,
  /** 「核となる企業・事業者 2」 */
  company: (n: number) => `核となる企業・事業者 ${n}`,
  companyLine: (corporateNumber: string, name: string, role: string, scale: string) => `${corporateNumber} ${name}／${role}／${scale}`,
  coAuthors: '共同作成団体',
  /** A line one version has and the other has not. */
  none: '（なし）',
} as const;

/** Why a text may not be shown to a person (untranslated.ts), as the catalogue checks report it. */
export const UNTRANSLATED_REASONS = {
  empty: '空の文言',
  repr: (found: string) => `JSON などの表記: ${found}`,
  identifier: (found: string) => `識別子: ${found}`,
  codePrefix: (found: string) => `コードの接頭辞: ${found}`,
  englishWords: (found: string) => `英字の語: ${found}`,
  noJapanese: '日本語を含まない',
} as const;

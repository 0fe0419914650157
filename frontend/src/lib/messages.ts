/**
 * The Japanese words of the helpers in src/lib (dates, fiscal years, yen, identifiers, the plan
 * domain, the field labels, the editor's working copy).
 */

/**
 * The eras a date is written in and a fiscal year may be typed in (dates.ts, fiscalYears.ts):
 * 「令和8年」 as shown, 「令和9年度」 as read back.
 */
export const ERA_NAMES = {
  reiwa: '令和',
  heisei: '平成',
} as const;

/**
 * The words of the date formats (dates.ts, fiscalYears.ts, deadlines.ts): 「2026年6月5日（金）」,
 * 「令和8年6月5日」, 「令和8年度（2026年度）」, 「2027年度上期（令和9年度）」.
 */
export const DATE_MESSAGES = {
  /** Sunday first, as `Date.getUTCDay()` counts. */
  weekdays: ['日', '月', '火', '水', '木', '金', '土'],
  /** The first year of an era: 「令和元年」 as shown, 「令和元年度」 as read back. */
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
  /** The suffix of each unit an amount is shown in: 「123,457千円」; `yen` may also follow an amount typed (「12億円」). */
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
 * The plan domain's own words (plans.ts); the rest of a plan's words (types, states, headings,
 * items, history steps) are plans-api's rules (api/rules.gen.ts).
 */
export const PLAN_LABELS = {
  /** The workflow's buttons (ACTION_LABELS): what a person does. */
  actions: {
    request_precheck: '事前確認を依頼する',
    forward: '国へ送付する（取りまとめ）',
    return_to_author: '作成団体へ差し戻す',
    reopen: '修正のため下書きに戻す（再度の事前確認が必要）',
    change_request: '変更内容の確認を依頼する',
    start_review: '事前確認を開始する',
    return_with_comments: 'コメントを付けて差し戻す',
    complete_precheck: '事前確認を完了する',
    announce: '公表を記録する',
    submit: '正式に提出する',
    publish: '内閣官房HPで公表する',
    withdraw: '取り下げる',
    revise: '改訂版を作成する',
  },
  /** A history step this screen does not know yet (historyActionLabel): never its key. */
  unknownAction: '手続',
  /** A municipality before the directory names it (organisationName): 「熊本県（434043）」. */
  municipality: (prefecture: string, code: string) => `${prefecture}（${code}）`,
  /** The editor's own hints: where a heading's other parts are entered (SECTIONS' `elsewhere`). */
  elsewhere: {
    B: {
      industry: '(1) 業種は「基本情報」の日本標準産業分類に入力します。',
      area: '(2) 核となる企業は「核となる企業」の表に入力します。',
      present_and_goals: '(2) 目標（KGI）は「KGI」の表に入力します。',
      policy: '(3) KPIは「KPI」の表に入力します。',
    },
    C: {
      area: '(2) 核となる事業者は「核となる事業者」の表に入力します。',
      present_and_goals: '(2) 目標（KGI）は「KGI」の表に入力します。',
      policy: '(4) KPIは「KPI」の表に入力します。',
    },
  },
  /** The title of the 自治体のコミットメント per type (COMMITMENT). */
  commitmentTitles: {
    B: '自治体のコミットメント（伴走支援体制）',
    C: '自治体のコミットメント（相談窓口）',
  },
} as const;

/** Row nouns: 「KGI「付加価値増加額」」, 「KPI 2」, 「核となる事業者「菊陽精密」」. */
const ROW_NOUNS = {
  kgi: 'KGI',
  kpi: 'KPI',
  target: '目標',
  companyB: '核となる企業',
  companyC: '核となる事業者',
  requirement: '要件',
  line: '行目',
} as const;

/**
 * The names of a plan's fields for people (fieldLabels.ts): 「3. 現状認識と目指す姿【目標】 ＞
 * KGI「付加価値増加額」 ＞ 目標値」. The headings and the items of 1–6 and of the commitment, the
 * KGI kinds and the 5W1H are plans-api's rules (lib/plans.ts).
 */
export const FIELD_LABELS = {
  /** Between the parts of a label. */
  separator: ' ＞ ',
  /** Said of a field whose path the catalogue does not know (never the path itself). */
  unknown: '入力欄',
  /** The editor's sections, in the order of the index. */
  editorSections: {
    basic: '基本情報',
    kgis: 'KGI（目標）',
    kpis: 'KPI（政策手段の指標）',
    requirements: '要件の充足状況',
    co_authors: '共同作成団体',
  },
  /** Fields of the basic information (基本情報). */
  basic: {
    title: '計画の名称',
    plan_type: '計画の種類',
    period_start_fy: '計画期間の開始年度',
    goal_fiscal_year: '目標年度',
    jsic_codes: '業種（日本標準産業分類）',
    strategic_fields: '17の戦略分野',
  },
  kgi: {
    kind: '種類',
    name: '名称',
    unit: '単位',
    baseline: '基準値',
    baseline_year: '基準年度',
    target: '目標値',
    target_year: '目標年度',
    basis: '設定の根拠',
  },
  /** A KPI's fields; the items of its 5W1H are plans-api's rules. */
  kpi: {
    name: '名称',
    unit: '単位',
    baseline: '基準値',
    kgi_key: '対応するKGI',
    targets: '半期ごとの目標値',
    period: '半期',
    value: '目標値',
    withdrawal: '撤退基準',
    comparator: '比較',
    threshold: '閾値',
    text: '撤退基準の内容',
    five_w1h: '施策の5W1H',
  },
  company: {
    corporate_number: '法人番号',
    name: '名称',
    role: 'サプライチェーン・バリューチェーン内での役割',
    scale: '事業規模',
    support_target: '伴走支援の対象',
  },
  rowNouns: ROW_NOUNS,
  /** The core companies' table per type: 計画推進の核となる企業 (B) / 推進の核となる事業者 (C). */
  companyTitles: {
    B: '計画推進の核となる企業',
    C: '推進の核となる事業者',
  },
  /** A row by its name: 「KGI「付加価値増加額」」. */
  namedRow: (noun: string, name: string) => `${noun}「${name}」`,
  /** A row by its number: 「KPI 2」, 「目標 1」. */
  numberedRow: (noun: string, n: number) => `${noun} ${n}`,
  /** A line of a list item: 「2行目」. */
  line: (n: number) => `${n}${ROW_NOUNS.line}`,
  /** 「要件2」 */
  requirement: (number: number) => `${ROW_NOUNS.requirement}${number}`,
  /** 「要件2【実現可能性】」 */
  requirementNamed: (number: number, label: string) => `${ROW_NOUNS.requirement}${number}【${label}】`,
  /** `〈label〉：〈message〉`: a message beside the field (or row) it concerns. */
  labelled: (label: string, message: string) => `${label}：${message}`,
} as const;

/** What the editor says at a field it refuses to save as typed (planDraft.ts draftProblems; fieldLabels.ts re-exports it). */
export const DRAFT_MESSAGES = {
  number: (label: string) => `「${label}」は数値で入力してください（例：1,200、12億、4,800万、１２０）。「約」などの言葉や年度は入れられません。`,
  year: (label: string) => `「${label}」は年度で入力してください（例：2027、令和9年度、R9）。`,
  targetValue: '半期を選んだ目標には値を入力してください（値のない目標は保存できません）。',
  targetPeriod: '値を入れた目標には半期を選んでください（半期のない目標は保存できません）。',
  withdrawal: '撤退基準は「閾値」と「実績が閾値の…とき撤退」の両方を入力してください（一方だけでは保存できません）。',
  refused: (n: number) => `入力内容を保存できませんでした。直す項目が${n}件あります（何も保存していません）`,
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

/** UI strings of the review screens (the queues, the field-by-field changes, the reopen reason). */
export const REVIEW_MESSAGES = {
  queueLead: '事前確認の依頼が届いた計画を、回の目標完了日の早い順に表示します。計画を開いて確認します。',
  queueCaption: '事前確認の審査待ち・審査中の計画',
  queueEmpty: '事前確認を待つ計画はありません。',
  colPlan: '計画の名称',
  colState: '状態',
  colRound: '回',
  colDays: '審査日数',
  colTarget: '目標完了日',
  colChanged: '前回確認からの変更',
  days: (n: number) => `${n}日`,
  overdue: '期限超過',
  noRound: '回の指定なし',
  noTarget: '未設定',
  changed: '変更あり',
  unchanged: '—',
  publishTitle: '公表待ち（正式提出済み）',

  prefectureLead: '県内の市町村から届いた計画です。待っている期間の長い順に表示します。内容を確認して国へ送付するか、コメントを付けて差し戻します。',
  prefectureCaption: '取りまとめを待つ市町村の計画',
  prefectureEmpty: '取りまとめを待つ市町村の計画はありません。',
  prefectureEmptyHint: '市町村が事前確認の依頼や提出を行うと、ここに表示されます。',
  colPending: '届いた手続',
  colWaiting: '届いた日時',
  colAsked: '市町村の依頼日時',
  colForwarded: '県の送付日時',
  pendingPrecheck: '事前確認の依頼',
  pendingSubmission: '正式提出',
  waitingDays: (n: number) => `（${n}日経過）`,

  changesTitle: '変更箇所（項目ごと）',
  changesSinceLabel: '比較する版',
  changesSince: { review: '前回の事前確認完了時から', returned: '差戻し（修正依頼）の時点から', published: '最後に公表した版から' },
  changesBaseAt: (at: string) => `比較する版：${at}`,
  changesNoBase: { review: 'まだ事前確認が完了していないため、比較する版がありません。', returned: 'この計画はまだ差し戻されていないため、比較する版がありません。', published: 'この計画はまだ公表されていないため、比較する版がありません。' },
  changesNone: '比較する版から変更された項目はありません。',
  changesCaption: '変更された項目（変更前 → 変更後）',
  colBefore: '変更前',
  colAfter: '変更後',
  colEarlier: 'そのときのコメント',
  empty: '（なし）',
  added: (name: string) => `「${name}」を追加`,
  removed: (name: string) => `「${name}」を削除`,
  wholeItem: '（項目一式）',
  yes: 'はい',
  no: 'いいえ',
  earlierTitle: (who: string, at: string) => `そのときのコメント（${who}、${at}）`,
  /** 「全体へのコメント：…」 */
  earlierOverallLine: (comment: string) => `全体へのコメント：${comment}`,
  /** Where a change is: 「基本情報 ＞ 計画の名称」. */
  changePlace: (section: string, item: string) => `${section} ＞ ${item}`,
  loadingChanges: '変更箇所を読み込んでいます…',
  changesFailed: '変更箇所を取得できませんでした',

  /** The parts of a plan a change or a comment is placed in (review.ts). */
  sections: {
    kgis: 'KGI（目標）',
    kpis: 'KPI（政策手段の指標）',
    companiesB: '計画推進の核となる企業',
    companiesC: '推進の核となる事業者',
    basic: '基本情報',
    /** A section of 記載項目 the rules do not name. */
    description: '記載項目',
    requirements: '要件の充足状況',
  },
  /** A changed field by its key in the plan: `kgis/…/target` → 目標値 (review.ts). */
  fields: {
    plan: {
      title: '計画の名称',
      period_start_fy: '計画期間の開始年度',
      goal_fiscal_year: '目標年度',
      strategic_fields: '戦略分野',
      jsic_codes: '日本標準産業分類',
      authors: '作成団体',
    } as Record<string, string>,
    /** (`five_w1h` is named in review.ts: 「5W1H」 alone is no Japanese word to this catalogue's check.) */
    kpi: {
      name: '名称',
      unit: '単位',
      baseline: '基準値',
      targets: '半期ごとの目標',
      withdrawal: '撤退基準',
      kgi_key: '対応するKGI',
    } as Record<string, string>,
    withdrawal: { comparator: '条件', threshold: '閾値', text: '内容' } as Record<string, string>,
    company: {
      corporate_number: '法人番号',
      name: '名称',
      role: '役割',
      scale: '規模',
      support_target: '伴走支援の対象',
    } as Record<string, string>,
  },
  /** A field of 記載項目 or of the commitment the rules do not name. */
  descriptionItem: '記載内容',
  commitmentItem: 'その他の項目',
  /** A part of a row no field name is known for. */
  detail: '詳細',
  /** A field of the plan itself no name is known for. */
  planItem: '計画の項目',
  /** 「要件2【地域経済への波及】」, or 「要件2」 when the plan no longer states it. */
  requirement: (n: string, label: string | null) => (label === null ? `要件${n}` : `要件${n}【${label}】`),
  /** Between a row and its fields: 「KGI「付加価値増加額」 ＞ 目標値」. */
  pathSeparator: ' ＞ ',
  /** A half year's target: 「2027年度上期：1,200」. */
  halfYear: (year: string, first: boolean) => `${year}年度${first ? '上期' : '下期'}`,
  periodValue: (period: string, value: string) => `${period}：${value}`,

  reopenReason: '修正の理由（必須）',
  reopenReasonMissing: '修正の理由を入力してください。',
  reopenConfirmation: '事前確認が完了した計画を下書きに戻して修正します。修正後は改めて事前確認を依頼し、確認担当者は変更箇所を確認します。公表の記録は取り消されます。',
} as const;

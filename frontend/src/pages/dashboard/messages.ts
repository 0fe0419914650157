/** UI strings of the dashboard's plan blocks. */
export const DASHBOARD_MESSAGES = {
  loading: '計画を読み込んでいます。',
  failed: '計画を読み込めませんでした',
  myPlansCaption: (org: string) => `${org}が作成している計画`,
  myPlansNone: (org: string) => `${org}が作成している計画はまだありません。`,
  myPlansCreate: '計画の作成・編集は計画一覧から行います。',
  title: '計画の名称',
  type: '類型',
  state: '状態',
  updated: '更新日時',
  kpis: 'KPIの実績',
  kpisLink: (title: string) => `${title}のKPIの実績`,
  waitingNone: '今、対応が必要な計画はありません。',
  waitingNoneDetail: '対応が必要になると、ここに表示され、登録されたメールアドレスにもお知らせが届きます。',
  waitingLabel: '対応が必要な計画',
  /** 「C 地場産業成長プラン／熊本市」 */
  typeAndOrganisation: (type: string, organisation: string) => `${type}／${organisation}`,
  reason: {
    precheck_requested: '事前確認の依頼が届いています。審査を開始してください。',
    in_review: '事前確認中です。差し戻すか、完了してください。',
    submitted: '正式に提出されました。内閣官房HPでの公表を待っています。',
    prefecture_review: '市町村から届いた計画です。内容を確認し、国へ送付するか差し戻してください。',
    returned: '差し戻されています。コメントを確認して修正し、再度依頼してください。',
    precheck_completed: '事前確認が完了しました。知事等・市町村長等による公表を記録してください。',
    announced: '公表を記録済みです。正式に提出してください。',
    draft: '検証をすべて通過しました。事前確認を依頼できます。',
  },
} as const;

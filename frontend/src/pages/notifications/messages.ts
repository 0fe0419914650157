/** Japanese UI strings of the notification screens. */
import type { MailState } from '../../api/notify';

export const NOTIFY_MESSAGES = {
  menu: '通知のメニュー',
  nav: {
    calendar: '締切カレンダー',
    preferences: 'メール通知の設定',
    mails: '送信履歴',
    organisation: '団体の通知設定',
  },
  calendar: {
    title: '締切カレンダー',
    lead: '自団体に関係する締切を日本時間で表示します。締切の日にはリマインダーのメールも届きます。',
    loading: '締切を読み込んでいます…',
    failed: '締切を取得できませんでした',
    previous: '前の月',
    next: '次の月',
    thisMonth: '今月',
    monthNav: '表示する月',
    /** The grid's columns, Sunday first (calendar.ts). */
    weekdays: ['日', '月', '火', '水', '木', '金', '土'],
    /** 「令和8年12月（2026年12月）」 (calendar.ts). */
    monthHeading: (warekiYear: string, year: number, month: number) => `${warekiYear}${month}月（${year}年${month}月）`,
    gridCaption: (heading: string) => `${heading}の締切`,
    today: '今日',
    listTitle: '今後の締切',
    empty: '今後の締切はありません。',
    emptyDetail: '新しい締切が登録されると、こことメールでお知らせします。',
    daysLeft: (days: number) => (days === 0 ? '本日締切' : `あと${days}日`),
    mandatory: '必須',
    download: '締切をカレンダーに取り込む（.ics ファイル）',
    downloadHelp: 'Outlook などの予定表に読み込めるファイルをダウンロードします。',
    deadlineCount: (n: number) => `締切 ${n}件`,
    until: 'まで',
    closedDay: (name: string) => `休日：${name}`,
    closedLegend: '祝日・年末年始の休日は灰色で示します（リマインダーはその前の開庁日に届きます）。',
    open: '詳細',
    kinds: {
      national_round: '国の事前確認',
      call_closing: '支援申請の締切',
      kpi_report: 'KPI実績の報告',
      ad_hoc: 'お知らせ',
    } as Record<string, string>,
  },
  deadline: {
    title: '締切の詳細',
    loading: '締切を読み込んでいます…',
    notFound: 'この締切は見つかりません',
    notFoundDetail: '削除されたか、自団体に関係しない締切です。締切カレンダーから探してください。',
    failed: '締切を取得できませんでした',
    due: '期限',
    daysLeft: '残り',
    passed: 'この締切は過ぎました',
    kind: '種類',
    description: '内容',
    organisations: '対象',
    everyone: 'すべての地方公共団体',
    back: '締切カレンダーに戻る',
    jst: '（日本時間）',
  },
  preferences: {
    title: 'メール通知の設定',
    lead: '受け取る任意のお知らせメールと、その受け取り方を選べます。対応が必要な通知は設定にかかわらず必ず届きます。',
    loading: '設定を読み込んでいます…',
    failed: '通知設定を取得できませんでした',
    mandatoryTitle: '必ず届く通知',
    mandatoryNote: 'これらの通知は止めることができません。',
    alwaysOn: '常に受け取る',
    optionalTitle: '任意の通知',
    receiveLegend: '受け取る任意の通知',
    receiveHelp: 'チェックを外した種類のメールは届かなくなります。',
    deliveryLegend: '任意の通知の受け取り方',
    delivery: {
      each: { label: '届くたびに受け取る', help: '通知ごとにメールを1通ずつ受け取ります。' },
      digest: { label: '毎朝9時にまとめて受け取る', help: '前日からの任意の通知を1通のメールにまとめます。' },
    },
    instantLegend: '閲覧者の通知の受け取り方',
    instantLabel: '通知を1件ずつすぐにメールで受け取る',
    instantHelp: '閲覧者には、既定では毎朝9時のまとめ通知だけが届きます。チェックすると、通知ごとにメールが届きます。',
    save: '設定を保存する',
    saving: '保存しています…',
    saved: '通知設定を保存しました',
    errorTitle: '通知設定を保存できませんでした',
  },
  mails: {
    title: '送信履歴',
    lead: '自団体の利用者に送ったメールの状態です。送信できなかったメールは再送できます。',
    loading: '送信履歴を読み込んでいます…',
    failed: '送信履歴を取得できませんでした',
    filterLabel: '送信状態',
    recipientLabel: '宛先のメールアドレス',
    recipientHelp: 'メールアドレス全体を入力します（一部だけでは絞り込めません）。',
    filter: '絞り込む',
    filterForm: '送信履歴の絞り込み',
    any: 'すべて',
    caption: 'メールの送信履歴',
    empty: '条件に合うメールはありません。',
    emptyDetail: '締切のリマインダーや計画の通知を送ると、ここに表示されます。',
    columns: {
      recipient: '宛先',
      reason: '通知の種類',
      subject: '件名',
      created: '作成日時',
      sent: '送信日時',
      state: '状態',
      action: '操作',
    },
    attempts: (n: number) => `試行 ${n}回`,
    nextAttempt: (at: string) => `次回 ${at}`,
    retry: '再送する',
    retrying: '再送しています…',
    retried: (to: string) => `${to} 宛てのメールを再送の待ち行列に入れました`,
    retryFailed: '再送できませんでした',
    /** The retry button as a screen reader names it. */
    retryLabel: (to: string) => `${to} 宛てのメールを再送する`,
    /** Read out for a time that is not set (shown as —). */
    none: 'なし',
    range: (total: number, from: number, to: number) => `${total}件中 ${from}〜${to}件を表示`,
    mandatory: '必須',
  },
  organisation: {
    title: '団体の通知設定',
    lead: '自団体あてに送るメールの形式を設定します。',
    loading: '設定を読み込んでいます…',
    failed: '団体の通知設定を取得できませんでした',
    legend: 'メールの形式',
    attachIcs: '締切の通知に予定ファイル（.ics）を添付する',
    attachIcsHelp: '予定表に取り込めるファイルを締切のリマインダーに添付します。',
    lgwan: 'LGWAN 側のメールボックスで受信する',
    lgwanHelp: 'HTML と添付ファイルを除いたテキストだけのメールを送ります。',
    save: '設定を保存する',
    saving: '保存しています…',
    saved: '団体の通知設定を保存しました',
    errorTitle: '団体の通知設定を保存できませんでした',
  },
} as const;

export const MAIL_STATE_LABELS: Record<MailState, string> = {
  pending: '送信待ち',
  sending: '送信中',
  sent: '送信済み',
  failed: '再試行待ち',
  dead: '送信不能',
};

export const MAIL_STATE_TONES: Record<MailState, string> = {
  pending: 'border-solid-gray-536 text-solid-gray-800',
  sending: 'border-blue-900 text-blue-900',
  sent: 'border-success-2 text-success-2',
  failed: 'border-warning-orange-2 text-solid-gray-900',
  dead: 'border-error-1 text-error-1',
};

/** Notices someone has to act on: they arrive whatever the preferences say (DESIGN §4). */
export const MANDATORY_NOTICES = [
  { key: 'reminder', label: '締切のリマインダー', detail: '締切の前（既定は30・14・7・3・1日前）と当日' },
  { key: 'plan.returned', label: '計画の差戻し', detail: '事前確認や都道府県でコメント付きで差し戻されたとき' },
  { key: 'plan.arrived_at_prefecture', label: '市町村の計画の到着', detail: '都道府県に市町村の計画が届いたとき' },
  { key: 'plan.precheck_completed', label: '事前確認の完了', detail: '国の事前確認が完了したとき' },
  { key: 'kpi.breached', label: 'KPIの撤退基準への抵触', detail: 'KPIの実績が撤退基準に達したとき' },
  { key: 'plan.approval_requested', label: '承認者への依頼', detail: '作成担当者が承認者に次の手続を依頼したとき（承認者のみ）' },
] as const;

/** 「承認者に依頼する」 (pages/plans/ApprovalRequestButton.tsx). */
export const APPROVAL_REQUEST_MESSAGES = {
  heading: '次の手続',
  lead: '事前確認の依頼など次の手続は、団体の承認者が行います。入力内容の確認を通過した計画は、ここから承認者に依頼できます。',
  button: '承認者に依頼する',
  sending: '依頼しています…',
  messageLabel: '承認者へのひとこと',
  messageHelp: '任意です。依頼のメールに添えて送ります（500文字まで）。',
  sent: '承認者に依頼しました',
  sentDetail: '団体の承認者にメールでお知らせしました。',
  failed: '承認者に依頼できませんでした',
} as const;

export const OPTIONAL_NOTICES = [
  { key: 'plan.published', label: '計画の公表', detail: '自団体の計画が内閣官房HPで公表されたとき' },
  { key: 'application.received', label: '支援申請の受付', detail: '企業からの申請を受け付けたとき' },
  { key: 'application.decided', label: '支援申請の決定', detail: '申請の採否が決まったとき' },
] as const;

const REASON_LABELS: Record<string, string> = {
  ...Object.fromEntries([...MANDATORY_NOTICES, ...OPTIONAL_NOTICES].map((n) => [n.key, n.label])),
  digest: 'まとめ通知',
};

/** `reminder.national_round` → 締切のリマインダー; a reason this screen does not know yet reads お知らせ
 * (a code never reaches the screen). */
export function reasonLabel(reason: string): string {
  return REASON_LABELS[reason] ?? (reason.startsWith('reminder.') ? REASON_LABELS.reminder : undefined) ?? 'お知らせ';
}

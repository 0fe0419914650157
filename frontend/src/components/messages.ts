/** UI strings of the shared form fields (NumberField, FiscalYearField, HalfYearSelect, ComboBox). */
export const FIELD_COMPONENT_MESSAGES = {
  choose: '選んでください',
  numberHint: (unit: string) => (unit ? `単位：${unit}。12億、4,800万、１２０のようにも入力できます。` : '12億、4,800万、１２０のようにも入力できます。'),
  yearHint: '2027、令和9年度、R9のいずれでも入力できます。',
  readOnlyYear: '計画の目標年度（自動）',
  noMatch: '該当するものがありません。',
  matches: (n: number) => `候補が${n}件あります。上下の矢印キーで選べます。`,
} as const;

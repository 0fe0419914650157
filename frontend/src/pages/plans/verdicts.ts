/** A reviewer's verdict on one requirement, as the screens name it. */
export const VERDICT_LABELS: Record<string, string> = {
  satisfied: '充足',
  not_satisfied: '不充足',
  needs_revision: '要修正',
};

/** A reviewer's verdict on one requirement, as the screens name it: the labels are in messages.ts. */
export { VERDICT_LABELS } from './messages';

/** Changes between two contents grouped as the screens show them: 追加 / 変更 / 削除, then by area. */
import type { DescribedChange } from '../../../api/versions';
import { VERSION_MESSAGES } from './messages';

export const KIND_ORDER: readonly DescribedChange['kind'][] = ['added', 'changed', 'removed'];

export interface AreaGroup {
  area: string;
  label: string;
  changes: DescribedChange[];
}

export interface KindGroup {
  kind: DescribedChange['kind'];
  count: number;
  areas: AreaGroup[];
}

/** Areas in the order they first appear (the order of the 様式), items in the order given. */
export function groupByArea(changes: readonly DescribedChange[]): AreaGroup[] {
  const areas = new Map<string, AreaGroup>();
  for (const change of changes) {
    let group = areas.get(change.area);
    if (!group) {
      group = { area: change.area, label: change.area_label, changes: [] };
      areas.set(change.area, group);
    }
    group.changes.push(change);
  }
  return [...areas.values()];
}

/** 追加, 変更, 削除 (the kinds with no change left out), each grouped by area. */
export function groupChanges(changes: readonly DescribedChange[]): KindGroup[] {
  return KIND_ORDER.map((kind) => {
    const mine = changes.filter((c) => c.kind === kind);
    return { kind, count: mine.length, areas: groupByArea(mine) };
  }).filter((group) => group.count > 0);
}

/** One line's heading: the item, and the field when only part of it changed. */
export function changeHeading(change: DescribedChange): string {
  return change.field ? VERSION_MESSAGES.changeHeading(change.item, change.field) : change.item;
}

import type { DescribedChange } from '../../../api/versions';
import { jsicListLabel, useJsic } from '../../../lib/useJsic';
import { changeHeading, groupByArea, groupChanges } from './grouping';
import { KIND_LABELS, VERSION_MESSAGES } from './messages';

type Level = 3 | 4;

function Heading({ level, children, className }: { level: number; children: string; className: string }) {
  const Tag = `h${Math.min(level, 6)}` as 'h3';
  return <Tag className={className}>{children}</Tag>;
}

const KIND_TONES: Record<DescribedChange['kind'], string> = {
  added: 'border-success-2',
  changed: 'border-blue-900',
  removed: 'border-error-1',
};

/** plans-api describes 業種 as bare codes (「E28、E2814」): each is shown with its name. */
function useNamedValues(
  changes: readonly DescribedChange[],
  lookUp = true,
): (change: DescribedChange, value: string | null | undefined) => string | null {
  const { labelOf } = useJsic(lookUp && changes.some((c) => c.path === 'jsic_codes'));
  return (change, value) => (value == null ? null : change.path === 'jsic_codes' ? jsicListLabel(value, labelOf) : value);
}

/** Differences grouped 追加 / 変更 / 削除, then by area, each with its value before and after. */
export function ChangeList({ changes, level, testId }: { changes: readonly DescribedChange[]; level: Level; testId: string }) {
  const named = useNamedValues(changes);
  return (
    <div data-testid={testId}>
      {groupChanges(changes).map((group) => (
        <section key={group.kind} className={`mt-4 border-l-4 pl-4 ${KIND_TONES[group.kind]}`} data-testid={`${testId}-${group.kind}`}>
          <Heading level={level} className="text-std-20B-150">{VERSION_MESSAGES.groupHeading(KIND_LABELS[group.kind], group.count)}</Heading>
          {group.areas.map((area) => (
            <div key={area.area} className="mt-2">
              <Heading level={level + 1} className="text-std-17B-170">{area.label}</Heading>
              <ul className="mt-1 space-y-2">
                {area.changes.map((change) => (
                  <li key={change.path} className="text-std-16N-170">
                    <span className="text-std-16B-170">{changeHeading(change)}</span>
                    {group.kind === 'changed' ? (
                      <span className="block text-dns-16N-130">
                        {VERSION_MESSAGES.beforeAfter(named(change, change.before), named(change, change.after))}
                      </span>
                    ) : (change.after ?? change.before) ? (
                      <span className="block whitespace-pre-wrap text-dns-16N-130">{named(change, change.after ?? change.before)}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

/**
 * A version's content, read-only: each area with its items and values. `lookUp={false}` (the
 * public pages, no session) shows the values as plans-api named them, asking nothing else.
 */
export function ContentList({ items, level, lookUp = true }: { items: readonly DescribedChange[]; level: Level; lookUp?: boolean }) {
  const named = useNamedValues(items, lookUp);
  if (items.length === 0) return <p className="mt-2">{VERSION_MESSAGES.emptyContent}</p>;
  return (
    <div data-testid="version-content">
      {groupByArea(items).map((area) => (
        <section key={area.area} className="mt-4">
          <Heading level={level} className="text-std-17B-170">{area.label}</Heading>
          <dl className="mt-1 grid gap-x-4 gap-y-1 md:grid-cols-[minmax(12rem,20rem)_1fr]">
            {area.changes.map((item) => (
              <div key={item.path} className="contents">
                <dt className="text-std-16B-170">{changeHeading(item)}</dt>
                <dd className="whitespace-pre-wrap text-std-16N-170">{named(item, item.after)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

import { useEffect, useRef } from 'react';
import type { PlanType } from '../../../lib/plans';
import { editorSections } from './sections';
import { EDITOR_MESSAGES as M, INDEX_SHORT } from './messages';

export type SectionStatus = { errors: number } | undefined;

function shortName(key: string, title: string, planType: PlanType): string {
  if (key === 'commitment') return INDEX_SHORT[planType === 'B' ? 'commitmentB' : 'commitmentC'] ?? title;
  if (key.startsWith('sections/')) return title.split(' ')[0]?.replace(/\.$/, '') ?? title;
  return INDEX_SHORT[key] ?? title;
}

/**
 * The editor's section index (1–6, KGI, KPI, 要件, 伴走支援体制 / 相談窓口…): stays in view at the top
 * while one scrolls, and says per section whether it is complete (from the last validation report)
 * or has unsaved changes. A link moves the focus to the section's heading.
 */
export function SectionIndex({ planType, status, unsaved }: { planType: PlanType; status: Record<string, SectionStatus> | null; unsaved: ReadonlySet<string> }) {
  const nav = useRef<HTMLElement>(null);
  // Fields reached with Tab scroll into view below the index, never under it (WCAG 2.4.11).
  useEffect(() => {
    const root = document.documentElement;
    const previous = root.style.scrollPaddingTop;
    const update = () => {
      root.style.scrollPaddingTop = `${(nav.current?.offsetHeight ?? 0) + 8}px`;
    };
    update();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    if (nav.current) observer?.observe(nav.current);
    return () => {
      observer?.disconnect();
      root.style.scrollPaddingTop = previous;
    };
  }, []);
  return (
    <nav ref={nav} aria-label={M.indexLabel} className="sticky top-0 z-20 border-b border-solid-gray-420 bg-white py-2" data-testid="section-index">
      <ol className="flex flex-wrap gap-1">
        {editorSections(planType).map((section) => {
          const s = status ? (status[section.key] ?? { errors: 0 }) : undefined;
          const dirty = unsaved.has(section.key);
          const state = dirty ? M.indexUnsaved : s === undefined ? M.indexUnknown : s.errors === 0 ? M.indexComplete : M.indexIncomplete(s.errors);
          const tone = dirty
            ? 'border-warning-orange-2 text-solid-gray-900'
            : s === undefined
              ? 'border-solid-gray-420 text-solid-gray-800'
              : s.errors === 0
                ? 'border-success-2 text-solid-gray-900'
                : 'border-error-1 text-solid-gray-900';
          const mark = dirty ? '●' : s === undefined ? '' : s.errors === 0 ? '✓' : '!';
          return (
            <li key={section.key}>
              <a
                href={`#${section.anchor}`}
                title={M.indexEntry(section.title, state)}
                data-testid={`index-${section.anchor}`}
                data-state={dirty ? 'unsaved' : s === undefined ? 'unknown' : s.errors === 0 ? 'complete' : 'incomplete'}
                className={`flex items-center gap-1 rounded-8 border-2 bg-white px-2 py-1 text-dns-14B-120 no-underline hover:underline ${tone}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(section.anchor)?.scrollIntoView({ block: 'start' });
                  document.getElementById(`${section.anchor}-heading`)?.focus({ preventScroll: true });
                }}
              >
                <span aria-hidden="true">{mark}</span>
                <span>{shortName(section.key, section.title, planType)}</span>
                <span className="sr-only">
                  {M.indexEntry(section.title, state)}
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

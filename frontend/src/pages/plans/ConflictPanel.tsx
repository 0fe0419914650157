import { useEffect, useRef } from 'react';
import { Button } from '../../components/Button';
import type { Difference } from '../../lib/planDraft';
import { PLAN_MESSAGES } from './messages';

const M = PLAN_MESSAGES.conflict;

/**
 * A 412 on save: someone else saved first. Both versions side by side, and the choice to keep
 * what this user typed (applied onto the newer version) or to take the other one. Nothing typed is
 * dropped unless the user says so.
 */
export function ConflictPanel({ rows, onKeepMine, onTakeTheirs }: { rows: Difference[]; onKeepMine: () => void; onTakeTheirs: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="conflict-heading" className="mb-8 rounded-8 border-2 border-warning-orange-2 bg-white p-4 md:p-6" data-testid="conflict">
      <h2 id="conflict-heading" ref={heading} tabIndex={-1} className="text-std-24B-150">
        {M.title}
      </h2>
      <p className="mt-2 text-std-16N-170">
        {M.lead}
      </p>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full border-collapse text-left text-std-16N-170">
          <caption className="sr-only">{M.caption}</caption>
          <thead>
            <tr className="border-b-2 border-solid-gray-600">
              <th scope="col" className="p-2">{M.colField}</th>
              <th scope="col" className="p-2">{M.colMine}</th>
              <th scope="col" className="p-2">{M.colTheirs}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className="border-b border-solid-gray-420 align-top">
                <th scope="row" className="p-2 text-std-16B-170">{row.label}</th>
                <td className="p-2 whitespace-pre-wrap">{row.mine || M.blank}</td>
                <td className="p-2 whitespace-pre-wrap">{row.theirs || M.blank}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-4 flex flex-wrap gap-4">
        <Button onClick={onKeepMine}>{M.keepMine}</Button>
        <Button variant="secondary" onClick={onTakeTheirs}>
          {M.takeTheirs}
        </Button>
      </div>
    </section>
  );
}

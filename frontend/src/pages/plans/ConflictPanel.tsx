import { useEffect, useRef } from 'react';
import { Button } from '../../components/Button';
import type { Difference } from '../../lib/planDraft';

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
        他の利用者が先にこの計画を保存しました
      </h2>
      <p className="mt-2 text-std-16N-170">
        あなたの入力内容は残っています。違いを確認して、あなたの内容で保存し直すか、最新の内容を使うかを選んでください。
      </p>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full border-collapse text-left text-std-16N-170">
          <caption className="sr-only">あなたの内容と最新の内容の違い</caption>
          <thead>
            <tr className="border-b-2 border-solid-gray-600">
              <th scope="col" className="p-2">項目</th>
              <th scope="col" className="p-2">あなたの内容</th>
              <th scope="col" className="p-2">最新の内容（サーバー）</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className="border-b border-solid-gray-420 align-top">
                <th scope="row" className="p-2 text-std-16B-170">{row.label}</th>
                <td className="p-2 whitespace-pre-wrap">{row.mine || '（空欄）'}</td>
                <td className="p-2 whitespace-pre-wrap">{row.theirs || '（空欄）'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-4 flex flex-wrap gap-4">
        <Button onClick={onKeepMine}>あなたの内容で保存し直す</Button>
        <Button variant="secondary" onClick={onTakeTheirs}>
          最新の内容を使う（あなたの変更を破棄）
        </Button>
      </div>
    </section>
  );
}

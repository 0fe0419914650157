import type { ReactNode } from 'react';

/**
 * A list as a table after the design system's rules: scrolls sideways on a narrow screen, a caption
 * for screen readers, one heading per column; the rows are the caller's `<tr>`s.
 */
export function DataTable({ caption, columns, children }: { caption: string; columns: readonly string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-536">
            {columns.map((label) => (
              <th key={label} scope="col" className="px-2 py-3 text-std-16B-170 whitespace-nowrap">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

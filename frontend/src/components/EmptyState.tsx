import type { ReactNode } from 'react';

/** A section with nothing in it yet, saying what will appear and what to do meanwhile. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-6">
      <p className="text-std-17B-170 text-solid-gray-800">{title}</p>
      <div className="mt-2 text-std-16N-170 text-solid-gray-700">{children}</div>
    </div>
  );
}

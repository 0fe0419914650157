import { useEffect, useRef, type ReactNode } from 'react';
import { MESSAGES } from '../messages';

let firstPageShown = false;

/**
 * A screen's title and heading. After an in-app navigation the heading takes focus, so a
 * screen-reader user hears where they landed instead of silence (first load keeps the browser's focus).
 */
export function Page({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} | ${MESSAGES.appName}`;
    if (firstPageShown) heading.current?.focus();
    firstPageShown = true;
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1} className="text-std-32B-150 text-solid-gray-900">
        {title}
      </h1>
      {lead ? <div className="mt-4 text-std-16N-170 text-solid-gray-800">{lead}</div> : null}
      <div className="mt-8">{children}</div>
    </>
  );
}

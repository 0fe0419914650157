import { forwardRef, useRef, useState } from 'react';
import { ApiError } from '../api/problem';
import { messageOf } from '../lib/useLoad';

export interface SummaryItem {
  /** id of the field to jump to; absent for a problem with no single field. */
  fieldId?: string;
  message: string;
}

/**
 * A form's error summary: `show` lists what needs fixing and moves the focus to the list,
 * `errorAt` gives a field its messages, `summary` is the list's ref.
 */
export function useErrorSummary() {
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const summary = useRef<HTMLDivElement>(null);
  const show = (found: SummaryItem[]) => {
    setErrors(found);
    requestAnimationFrame(() => summary.current?.focus());
  };
  const errorAt = (fieldId: string) =>
    errors
      .filter((e) => e.fieldId === fieldId)
      .map((e) => e.message)
      .join(' ') || undefined;
  return { errors, setErrors, show, errorAt, summary };
}

/**
 * What a refused save puts in the summary: each failing field the server named, linked to its
 * input where `fieldIdOf` knows it; otherwise the server's message (or the failure's) alone.
 */
export function summaryItemsOf(error: unknown, fieldIdOf: (field: string) => string | undefined): SummaryItem[] {
  if (error instanceof ApiError && error.fieldErrors.length > 0) {
    return error.fieldErrors.map((p) => {
      const fieldId = fieldIdOf(p.field);
      return fieldId ? { fieldId, message: p.message } : { message: p.message };
    });
  }
  return [{ message: messageOf(error) }];
}

/**
 * The list at the top of a form of everything that needs fixing, each a link to its field. It
 * takes focus when it appears so screen-reader and keyboard users start from it.
 */
export const ErrorSummary = forwardRef<HTMLDivElement, { title: string; items: SummaryItem[] }>(
  function ErrorSummary({ title, items }, ref) {
    return (
      <div
        ref={ref}
        tabIndex={-1}
        role="alert"
        aria-labelledby="error-summary-title"
        className="mb-8 rounded-8 border-2 border-error-1 bg-white p-6"
      >
        <h2 id="error-summary-title" className="text-std-20B-150 text-error-1">
          {title}
        </h2>
        {items.length > 0 ? (
          <ul className="mt-4 list-disc space-y-2 pl-6">
            {items.map((item) => (
              <li key={`${item.fieldId ?? ''}:${item.message}`} className="text-std-16N-170">
                {item.fieldId ? (
                  <a
                    href={`#${item.fieldId}`}
                    className="text-error-1"
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(item.fieldId ?? '')?.focus();
                    }}
                  >
                    {item.message}
                  </a>
                ) : (
                  item.message
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  },
);

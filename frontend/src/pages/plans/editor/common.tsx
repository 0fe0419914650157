import type { ReactNode } from 'react';
import type { PlanOut } from '../../../api/plans';
import { fieldId } from '../../../lib/plans';
import type { PlanDraft } from '../../../lib/planDraft';
import { FIELD_COMPONENT_MESSAGES } from '../../../components/messages';

export type Edit = (change: (draft: PlanDraft) => void) => void;

export interface EditorProps {
  plan: PlanOut;
  draft: PlanDraft;
  edit: Edit;
  readOnly: boolean;
  /** Errors of the last save (the server's and the editor's own), by field id. */
  errors: Record<string, string>;
  /** What a section shows beside its heading (its own save button), by section key. */
  sectionActions?: ((key: string) => ReactNode) | undefined;
}

export function EditorSection({ id, title, children, lead, actions }: { id: string; title: string; children: ReactNode; lead?: string | undefined; actions?: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="mt-10 scroll-mt-24 rounded-8 border border-solid-gray-420 p-4 md:p-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h2 id={`${id}-heading`} tabIndex={-1} className="text-std-24B-150 text-solid-gray-900">
          {title}
        </h2>
        {actions}
      </div>
      {lead ? <p className="mt-2 text-std-16N-170 text-solid-gray-700">{lead}</p> : null}
      <div className="mt-4 flex flex-col gap-6">{children}</div>
    </section>
  );
}

/**
 * Moves the focus to `path`'s field once React has drawn it: after "add" to the new row's first
 * field, after "delete" to the list's heading (the button pressed is gone).
 */
export function focusAfterRender(path: string): void {
  requestAnimationFrame(() => document.getElementById(fieldId(path))?.focus());
}

/** A focus target for validation items about a whole table (`kgis`, `kpis`, `core_companies`). */
export function Anchor({ path, children }: { path: string; children: ReactNode }) {
  return (
    <p id={fieldId(path)} tabIndex={-1} className="text-std-17B-170 text-solid-gray-800">
      {children}
    </p>
  );
}

export const cell =
  'h-12 w-full min-w-0 rounded-8 border border-solid-gray-600 bg-white px-2 text-std-16N-170 read-only:bg-solid-gray-50 aria-[invalid=true]:border-error-1';

export function CellInput({
  path,
  label,
  value,
  onChange,
  readOnly,
  error,
  wrap = false,
}: {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  error?: string | undefined;
  /** Wrap long text onto further lines instead of hiding it past the cell's edge (one paragraph, no line breaks). */
  wrap?: boolean;
}) {
  const id = fieldId(path);
  const common = {
    id,
    'aria-label': label,
    value,
    readOnly,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  } as const;
  return (
    <div className="flex flex-col gap-1">
      {wrap ? (
        <textarea {...common} rows={1} onChange={(e) => onChange(e.target.value.replace(/[\r\n]+/g, ' '))} className={`${cell.replace('h-12 ', '')} min-h-12 resize-none overflow-hidden py-2 break-all [field-sizing:content]`} />
      ) : (
        <input {...common} onChange={(e) => onChange(e.target.value)} className={cell} />
      )}
      {error ? (
        <span id={`${id}-error`} className="text-dns-14N-130 text-error-1">
          {FIELD_COMPONENT_MESSAGES.fieldError(error)}
        </span>
      ) : null}
    </div>
  );
}

/** An error about a group of fields (a whole criterion, a list), under it. */
export function GroupError({ id, message }: { id?: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="text-dns-16N-130 text-error-1">
      {FIELD_COMPONENT_MESSAGES.fieldError(message)}
    </p>
  ) : null;
}

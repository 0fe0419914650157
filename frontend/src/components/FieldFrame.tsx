import type { ReactNode } from 'react';
import { RequirementBadge } from './RequirementBadge';
import { FIELD_COMPONENT_MESSAGES } from './messages';

export interface FieldFrameProps {
  id: string;
  label: string;
  required: boolean;
  supportText?: string | undefined;
  /** The hint's id, for the field's aria-describedby (with `supportText`). */
  supportId?: string;
  className?: string;
  children: ReactNode;
}

/** The design system's field frame: the label with 必須/任意, the hint under it, then the field. */
export function FieldFrame({ id, label, required, supportText, supportId, className = '', children }: FieldFrameProps) {
  return (
    <div className={`flex flex-col gap-2 ${className}`.trimEnd()}>
      <label htmlFor={id} className="text-std-17B-170 text-solid-gray-800">
        {label}
        <RequirementBadge required={required} />
      </label>
      {supportText ? (
        <p id={supportId} className="text-dns-16N-130 text-solid-gray-700">
          {supportText}
        </p>
      ) : null}
      {children}
    </div>
  );
}

/** The error written under a field, tied to it by `id` (the field's aria-describedby). */
export function FieldError({ id, error, as: Tag = 'p', compact = false }: { id: string; error: string | undefined; as?: 'p' | 'span'; compact?: boolean }) {
  if (!error) return null;
  return (
    <Tag id={id} className={compact ? 'text-dns-14N-130 text-error-1' : 'text-dns-16N-130 text-error-1'}>
      {FIELD_COMPONENT_MESSAGES.fieldError(error)}
    </Tag>
  );
}

import { useId, type TextareaHTMLAttributes } from 'react';
import { RequirementBadge } from './RequirementBadge';
import { FIELD_COMPONENT_MESSAGES } from './messages';

export interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'placeholder' | 'required' | 'id'> {
  id: string;
  label: string;
  required: boolean;
  supportText?: string;
  error?: string | undefined;
}

/** A labelled multi-line field after the same rules as TextField. */
export function TextArea({ id, label, required, supportText, error, className = '', ...rest }: TextAreaProps) {
  const supportId = useId();
  const errorId = `${id}-error`;
  const describedBy = [supportText ? supportId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`flex flex-col gap-2 ${className}`}>
      <label htmlFor={id} className="text-std-17B-170 text-solid-gray-800">
        {label}
        <RequirementBadge required={required} />
      </label>
      {supportText ? (
        <p id={supportId} className="text-dns-16N-130 text-solid-gray-700">
          {supportText}
        </p>
      ) : null}
      <textarea
        {...rest}
        id={id}
        rows={rest.rows ?? 3}
        aria-required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 hover:border-black read-only:bg-solid-gray-50 aria-[invalid=true]:border-error-1"
      />
      {error ? (
        <p id={errorId} className="text-dns-16N-130 text-error-1">
          {FIELD_COMPONENT_MESSAGES.fieldError(error)}
        </p>
      ) : null}
    </div>
  );
}

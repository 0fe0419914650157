import { useId, type TextareaHTMLAttributes } from 'react';
import { FieldError, FieldFrame } from './FieldFrame';

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
    <FieldFrame id={id} label={label} required={required} supportText={supportText} supportId={supportId} className={className}>
      <textarea
        {...rest}
        id={id}
        rows={rest.rows ?? 3}
        aria-required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 hover:border-black read-only:bg-solid-gray-50 aria-[invalid=true]:border-error-1"
      />
      <FieldError id={errorId} error={error} />
    </FieldFrame>
  );
}

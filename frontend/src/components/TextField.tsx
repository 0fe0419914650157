import { forwardRef, useId, type InputHTMLAttributes } from 'react';
import { FieldError, FieldFrame } from './FieldFrame';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'placeholder' | 'required' | 'id'> {
  id: string;
  label: string;
  required: boolean;
  /** Shown under the label; where hints go, never a placeholder. */
  supportText?: string;
  error?: string | undefined;
}

/**
 * A labelled input after the design system's rules: the label says 必須/任意, hints sit under the
 * label, the error is written under the field and tied to it with aria-describedby.
 */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { id, label, required, supportText, error, className = '', ...rest },
  ref,
) {
  const supportId = useId();
  const errorId = `${id}-error`;
  const describedBy = [supportText ? supportId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <FieldFrame id={id} label={label} required={required} supportText={supportText} supportId={supportId} className={className}>
      <input
        {...rest}
        ref={ref}
        id={id}
        aria-required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="h-14 w-full max-w-md rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-oln-16N-100 text-solid-gray-800 hover:border-black aria-[invalid=true]:border-error-1 aria-[invalid=true]:hover:border-red-1000"
      />
      <FieldError id={errorId} error={error} />
    </FieldFrame>
  );
});

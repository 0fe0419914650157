import { useId, useState, type InputHTMLAttributes } from 'react';
import { FieldError, FieldFrame } from './FieldFrame';

export interface ParsedFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'required' | 'placeholder'> {
  id: string;
  /** The visible label (or, with `compact`, the accessible name of a table cell). */
  label: string;
  required: boolean;
  value: string;
  onChange: (text: string) => void;
  supportText?: string;
  error?: string | undefined;
  /** A table cell: no visible label, a smaller box. */
  compact?: boolean;
  /** What the text will be stored as, shown under the field (null while it reads as nothing). */
  preview: string | null;
  /** Why the text cannot be read, said once the field has been left (null when it can). */
  invalid: string | null;
}

const BOX = 'rounded-8 border border-solid-gray-600 bg-white text-solid-gray-800 read-only:bg-solid-gray-50 aria-[invalid=true]:border-error-1';

/**
 * A field whose text is read into a value (a number, a fiscal year): the value it will be stored as
 * is shown back under it, and a text that cannot be read is named at the field once it is left,
 * never stored as a blank.
 */
export function ParsedField({ id, label, required, value, onChange, supportText, error, compact = false, preview, invalid, readOnly, onBlur, ...rest }: ParsedFieldProps) {
  const [left, setLeft] = useState(false);
  const supportId = useId();
  const shown = error ?? (left && invalid !== null ? invalid : undefined);
  const previewId = `${id}-preview`;
  const errorId = `${id}-error`;
  const describedBy = [supportText && !compact ? supportId : null, preview !== null ? previewId : null, shown ? errorId : null].filter(Boolean).join(' ');
  const input = (
    <input
      {...rest}
      id={id}
      value={value}
      readOnly={readOnly}
      autoComplete="off"
      aria-label={compact ? label : undefined}
      aria-required={required}
      aria-invalid={shown ? true : undefined}
      aria-describedby={describedBy || undefined}
      onChange={(e) => onChange(e.target.value)}
      onBlur={(e) => {
        setLeft(true);
        onBlur?.(e);
      }}
      className={compact ? `h-12 w-full min-w-0 px-2 text-std-16N-170 ${BOX}` : `h-14 w-full max-w-md px-4 py-3 text-oln-16N-100 hover:border-black ${BOX}`}
    />
  );
  const after = (
    <>
      {preview !== null ? (
        <span id={previewId} className="text-dns-14N-130 text-solid-gray-700" data-testid={`${id}-preview`}>
          {preview}
        </span>
      ) : null}
      <FieldError id={errorId} error={shown} as="span" compact={compact} />
    </>
  );
  if (compact) {
    return (
      <div className="flex flex-col gap-1">
        {input}
        {after}
      </div>
    );
  }
  return (
    <FieldFrame id={id} label={label} required={required} supportText={supportText} supportId={supportId}>
      {input}
      {after}
    </FieldFrame>
  );
}

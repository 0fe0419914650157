import { useId, useState, type InputHTMLAttributes } from 'react';
import { DRAFT_MESSAGES } from '../lib/fieldLabels';
import { fiscalYearBoth, parseFiscalYear } from '../lib/fiscalYears';
import { RequirementBadge } from './RequirementBadge';
import { FIELD_COMPONENT_MESSAGES } from './messages';

export interface FiscalYearFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'required' | 'placeholder'> {
  id: string;
  label: string;
  /** The field's own name in messages; the label by default. */
  name?: string;
  required: boolean;
  value: string;
  onChange: (text: string) => void;
  supportText?: string;
  error?: string | undefined;
  compact?: boolean;
}

const BOX = 'rounded-8 border border-solid-gray-600 bg-white text-solid-gray-800 read-only:bg-solid-gray-50 aria-[invalid=true]:border-error-1';

/** A fiscal year typed as 2027, 令和9年度 or R9, shown back as 「令和9年度 / 2027年度」. */
export function FiscalYearField({ id, label, name, required, value, onChange, supportText, error, compact = false, readOnly, onBlur, ...rest }: FiscalYearFieldProps) {
  const [left, setLeft] = useState(false);
  const supportId = useId();
  const parsed = parseFiscalYear(value);
  const live = left && parsed.kind === 'invalid' ? DRAFT_MESSAGES.year(name ?? label) : undefined;
  const shown = error ?? live;
  const previewId = `${id}-preview`;
  const errorId = `${id}-error`;
  const describedBy = [supportText && !compact ? supportId : null, parsed.kind === 'ok' ? previewId : null, shown ? errorId : null].filter(Boolean).join(' ');
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
      {parsed.kind === 'ok' ? (
        <span id={previewId} className="text-dns-14N-130 text-solid-gray-700" data-testid={`${id}-preview`}>
          {fiscalYearBoth(parsed.year)}
        </span>
      ) : null}
      {shown ? (
        <span id={errorId} className={compact ? 'text-dns-14N-130 text-error-1' : 'text-dns-16N-130 text-error-1'}>
          {FIELD_COMPONENT_MESSAGES.fieldError(shown)}
        </span>
      ) : null}
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
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="text-std-17B-170 text-solid-gray-800">
        {label}
        <RequirementBadge required={required} />
      </label>
      {supportText ? (
        <p id={supportId} className="text-dns-16N-130 text-solid-gray-700">
          {supportText}
        </p>
      ) : null}
      {input}
      {after}
    </div>
  );
}

import type { SelectHTMLAttributes } from 'react';
import { halfYearLabel } from '../lib/fiscalYears';
import { FIELD_COMPONENT_MESSAGES as M } from './messages';

export interface HalfYearSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'> {
  id: string;
  /** The accessible name (a table cell has no visible label). */
  label: string;
  value: string;
  /** The half years to offer (`2027H1` …), from lib/fiscalYears `halfYears`: the KPI page's list. */
  options: readonly string[];
  onChange: (period: string) => void;
  error?: string | undefined;
}

/** A half year (2027年度上期 …) picked from the plan period's list, never typed as "2027H1". */
export function HalfYearSelect({ id, label, value, options, onChange, error, disabled, ...rest }: HalfYearSelectProps) {
  const stored = value.trim().toUpperCase();
  const list = stored && !options.includes(stored) ? [...options, stored].sort() : options;
  return (
    <div className="flex flex-col gap-1">
      <select
        {...rest}
        id={id}
        aria-label={label}
        value={stored}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
        className="h-12 w-full min-w-0 rounded-8 border border-solid-gray-600 bg-white px-2 text-std-16N-170 text-solid-gray-800 aria-[invalid=true]:border-error-1"
      >
        <option value="">{M.choose}</option>
        {list.map((period) => (
          <option key={period} value={period}>
            {halfYearLabel(period)}
          </option>
        ))}
      </select>
      {error ? (
        <span id={`${id}-error`} className="text-dns-14N-130 text-error-1">
          {M.fieldError(error)}
        </span>
      ) : null}
    </div>
  );
}

import type { SelectHTMLAttributes } from 'react';
import { RequirementBadge } from './RequirementBadge';

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'required' | 'id'> {
  id: string;
  label: string;
  required: boolean;
  options: readonly { value: string; label: string }[];
}

export function SelectField({ id, label, required, options, className = '', ...rest }: SelectFieldProps) {
  return (
    <div className={`flex flex-col gap-2 ${className}`}>
      <label htmlFor={id} className="text-std-17B-170 text-solid-gray-800">
        {label}
        <RequirementBadge required={required} />
      </label>
      <select
        {...rest}
        id={id}
        aria-required={required}
        className="h-14 w-full max-w-md rounded-8 border border-solid-gray-600 bg-white px-4 text-oln-16N-100 text-solid-gray-800 hover:border-black"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

import type { SelectHTMLAttributes } from 'react';
import { FieldFrame } from './FieldFrame';

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'required' | 'id'> {
  id: string;
  label: string;
  required: boolean;
  options: readonly { value: string; label: string }[];
}

export function SelectField({ id, label, required, options, className = '', ...rest }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} required={required} className={className}>
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
    </FieldFrame>
  );
}

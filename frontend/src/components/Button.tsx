import type { ButtonHTMLAttributes, MouseEvent } from 'react';

type Variant = 'primary' | 'secondary' | 'text';

const VARIANTS: Record<Variant, string> = {
  primary:
    'border-4 border-double border-transparent bg-blue-900 text-white hover:bg-blue-1000 hover:underline active:bg-blue-1200 aria-disabled:bg-solid-gray-300 aria-disabled:text-solid-gray-50 aria-disabled:no-underline',
  secondary:
    'border border-blue-900 bg-white text-blue-900 hover:border-blue-1000 hover:bg-blue-200 hover:text-blue-1000 hover:underline active:bg-blue-300 aria-disabled:border-solid-gray-300 aria-disabled:bg-white aria-disabled:text-solid-gray-300',
  text: 'text-blue-900 underline hover:bg-blue-50 hover:decoration-[calc(3/16*1rem)] active:bg-blue-100 aria-disabled:text-solid-gray-300',
};

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> {
  variant?: Variant;
  size?: 'md' | 'sm';
  /**
   * Unavailable but still focusable and announced (aria-disabled), as the design system asks:
   * a `disabled` button drops out of the tab order and nobody learns why.
   */
  unavailable?: boolean;
}

export function Button({
  variant = 'primary',
  size = 'md',
  unavailable = false,
  className = '',
  onClick,
  type = 'button',
  ...rest
}: ButtonProps) {
  const sizing = size === 'md' ? 'min-h-14 min-w-34 px-4 py-3 text-oln-16B-100' : 'min-h-9 min-w-20 px-3 py-1.5 text-oln-16B-100';
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (unavailable) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button
      {...rest}
      type={type}
      aria-disabled={unavailable || undefined}
      onClick={handleClick}
      className={`inline-flex items-center justify-center gap-2 rounded-8 ${sizing} ${VARIANTS[variant]} ${className}`}
    />
  );
}

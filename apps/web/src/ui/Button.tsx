import type { ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** quiet: low-emphasis on light surfaces; inverse: on the dark header. */
  variant?: 'primary' | 'secondary' | 'quiet' | 'inverse';
  busy?: boolean;
}

export function Button({ variant = 'primary', busy = false, type = 'button', className, children, disabled, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={['button', `button--${variant}`, className].filter(Boolean).join(' ')}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {children}
    </button>
  );
}

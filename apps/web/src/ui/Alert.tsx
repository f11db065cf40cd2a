import type { ReactNode } from 'react';

export interface AlertProps {
  tone?: 'error' | 'info' | 'success' | 'warning';
  title?: string;
  children?: ReactNode;
  className?: string;
}

/** Errors and warnings interrupt (role=alert); information and success are polite (role=status). */
export function Alert({ tone = 'info', title, children, className }: AlertProps) {
  const role = tone === 'error' || tone === 'warning' ? 'alert' : 'status';
  return (
    <div role={role} className={['alert', `alert--${tone}`, className].filter(Boolean).join(' ')}>
      {title && <p className="alert__title">{title}</p>}
      {children && <div className="alert__body">{children}</div>}
    </div>
  );
}

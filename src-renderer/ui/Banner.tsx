import type { ReactNode } from 'react';

export type BannerTone = 'info' | 'warning' | 'error';

interface BannerProps {
  tone: BannerTone;
  title?: string;
  /** 'alert' interrupts a screen reader; use it only for problems that need attention now. */
  role?: 'alert' | 'status';
  children: ReactNode;
  'data-testid'?: string;
}

/** A calm notice strip above content. */
export function Banner({ tone, title, role, children, 'data-testid': testId }: BannerProps) {
  return (
    <div className={`banner banner--${tone}`} role={role} data-testid={testId}>
      {title ? <p className="banner__title">{title}</p> : null}
      <div className="banner__body">{children}</div>
    </div>
  );
}

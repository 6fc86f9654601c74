import type { ReactNode } from 'react';
import './status-indicator.css';

export type StatusTone = 'positive' | 'warning' | 'critical' | 'neutral';

/** Each tone has its own shape, so the state never rests on colour alone (WCAG 1.4.1). */
const marks: Record<StatusTone, ReactNode> = {
  positive: <path d="M4.5 10.5l3.5 3.5 7.5-8" />,
  warning: (
    <>
      <path d="M10 4.5v7" />
      <path d="M10 15.2v.3" />
    </>
  ),
  critical: <path d="M5.5 5.5l9 9M14.5 5.5l-9 9" />,
  neutral: <path d="M5 10h.01M10 10h.01M15 10h.01" />,
};

export function StatusIndicator({ tone, children }: { tone: StatusTone; children: ReactNode }) {
  return (
    <span className={`status-indicator status-indicator--${tone}`}>
      <svg className="status-indicator__mark" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        {marks[tone]}
      </svg>
      <span className="status-indicator__label">{children}</span>
    </span>
  );
}

import type { ReactNode } from 'react';

import { NOTICE_MESSAGES as M } from './messages';

export type NoticeTone = 'info' | 'warning' | 'error' | 'success';

const TONES: Record<NoticeTone, { box: string; label: string }> = {
  info: { box: 'border-blue-900', label: M.tones.info },
  warning: { box: 'border-warning-orange-2', label: M.tones.warning },
  error: { box: 'border-error-1', label: M.tones.error },
  success: { box: 'border-success-2', label: M.tones.success },
};

export function NoticeBanner({
  tone,
  title,
  children,
  onClose,
}: {
  tone: NoticeTone;
  title: string;
  children?: ReactNode;
  onClose?: () => void;
}) {
  const { box, label } = TONES[tone];
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-8 border-2 ${box} bg-white p-4`}>
      <div className="flex items-start justify-between gap-4">
        <p className="text-std-17B-170">
          <span className="sr-only">{M.toneLabel(label)}</span>
          {title}
        </p>
        {onClose ? (
          <button type="button" onClick={onClose} className="shrink-0 rounded-4 px-2 text-std-16N-170 underline">
            {M.close}
          </button>
        ) : null}
      </div>
      {children ? <div className="mt-2 text-std-16N-170">{children}</div> : null}
    </div>
  );
}

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { NoticeTone } from '../components/NoticeBanner';

export interface Notice {
  tone: NoticeTone;
  title: string;
  detail?: string;
  /** The page it is about; it is not shown anywhere else, so it never follows the user around. */
  path: string;
}

interface NoticeContextValue {
  notice: Notice | null;
  showNotice: (notice: Notice) => void;
  clearNotice: () => void;
}

const NoticeContext = createContext<NoticeContextValue | null>(null);

/** One app-wide notice slot, for what a screen did not handle itself (a 403, a 412, a lost session). */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const clearNotice = useCallback(() => setNotice(null), []);
  const value = useMemo(() => ({ notice, showNotice: setNotice, clearNotice }), [notice, clearNotice]);
  return <NoticeContext.Provider value={value}>{children}</NoticeContext.Provider>;
}

export function useNotices(): NoticeContextValue {
  const value = useContext(NoticeContext);
  if (!value) throw new Error('useNotices needs a NoticeProvider');
  return value;
}

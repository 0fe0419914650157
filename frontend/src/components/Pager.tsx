import { Button } from './Button';
import { PAGER_MESSAGES as M } from './messages';

interface PagerProps {
  offset: number;
  pageSize: number;
  total: number;
  /** Called with the offset of the page to show. */
  onGo: (offset: number) => void;
}

/** 前のページ / 次のページ for an offset-paged list; an end stays focusable but unavailable. */
export function Pager({ offset, pageSize, total, onGo }: PagerProps) {
  return (
    <nav aria-label={M.label} className="mt-4 flex gap-4">
      <Button variant="secondary" size="sm" unavailable={offset === 0} onClick={() => onGo(Math.max(0, offset - pageSize))}>
        {M.previous}
      </Button>
      <Button variant="secondary" size="sm" unavailable={offset + pageSize >= total} onClick={() => onGo(offset + pageSize)}>
        {M.next}
      </Button>
    </nav>
  );
}

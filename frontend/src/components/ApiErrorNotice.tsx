import { messageOf } from '../lib/useLoad';
import { API_ERROR_MESSAGES } from './messages';
import { NoticeBanner, type NoticeTone } from './NoticeBanner';

/**
 * A failed API call as the screen shows it: the screen's own title with the server's Japanese
 * message beneath, or the message as the title when the screen has none of its own. A block whose
 * failure leaves the rest of the screen usable passes `tone="warning"` (no alert); a side list of a
 * screen that has alerts of its own (the plan's save errors) passes `line` for one quiet line.
 */
export function ApiErrorNotice({
  error,
  title,
  tone = 'error',
  line = false,
}: {
  error: unknown;
  title?: string;
  tone?: Extract<NoticeTone, 'error' | 'warning'>;
  line?: boolean;
}) {
  const message = messageOf(error);
  if (line) return <p className="text-error-1">{title === undefined ? message : API_ERROR_MESSAGES.line(title, message)}</p>;
  if (title === undefined) return <NoticeBanner tone={tone} title={message} />;
  return (
    <NoticeBanner tone={tone} title={title}>
      <p>{message}</p>
    </NoticeBanner>
  );
}

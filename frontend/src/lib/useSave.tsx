import { useRef, useState, type SubmitEvent } from 'react';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { NoticeBanner } from '../components/NoticeBanner';
import { messageOf } from './useLoad';

/**
 * One settings form's saving: a second submit while one is under way does nothing, a success
 * says so until the next change, a refusal is said in the summary, which takes the focus.
 */
export function useSave(save: () => Promise<void>) {
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(false);
    setErrors([]);
    try {
      await save();
      setSaved(true);
    } catch (error) {
      setErrors([{ message: messageOf(error) }]);
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  /** The refusal's summary and the success notice, where the form's page puts them. */
  const outcome = (titles: { error: string; saved: string }) => (
    <>
      {errors.length > 0 ? <ErrorSummary ref={summary} title={titles.error} items={errors} /> : null}
      {saved ? (
        <div className="mb-6">
          <NoticeBanner tone="success" title={titles.saved} onClose={() => setSaved(false)} />
        </div>
      ) : null}
    </>
  );

  return { busy, onSubmit, outcome, changed: () => setSaved(false) };
}

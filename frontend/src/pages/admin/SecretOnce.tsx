import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { NoticeBanner } from '../../components/NoticeBanner';
import { ADMIN_MESSAGES } from './messages';

const M = ADMIN_MESSAGES.secret;

/** A client secret shown the one time the server returns it, with a warning and a copy button. */
export function SecretOnce({
  clientId,
  secret,
  onDone,
  focusOnShow = false,
}: {
  clientId: string;
  secret: string;
  onDone: () => void;
  /** Inside a dialog the button that opened the secret is gone: focus goes to the copy button. */
  focusOnShow?: boolean;
}) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const actions = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnShow) actions.current?.querySelector('button')?.focus();
  }, [focusOnShow]);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <section aria-label={M.title} className="flex flex-col gap-4" data-testid="client-secret-panel">
      <NoticeBanner tone="warning" title={M.title}>
        <p>{M.body}</p>
      </NoticeBanner>
      <dl className="grid gap-2 md:grid-cols-[12rem_1fr]">
        <dt className="text-std-16B-170">{M.clientId}</dt>
        <dd>
          <code className="text-std-16N-170">{clientId}</code>
        </dd>
        <dt className="text-std-16B-170">{M.secret}</dt>
        <dd>
          <code data-testid="client-secret" className="block rounded-8 border border-solid-gray-536 bg-solid-gray-50 p-3 font-mono text-std-16N-170 break-all select-all">
            {secret}
          </code>
        </dd>
      </dl>
      <div ref={actions} className="flex flex-wrap items-center gap-4">
        <Button variant="secondary" onClick={() => void onCopy()}>
          {M.copy}
        </Button>
        <p role="status" className="text-std-16N-170">
          {copy === 'copied' ? M.copied : copy === 'failed' ? M.copyFailed : ''}
        </p>
      </div>
      <div>
        <Button onClick={onDone}>{M.done}</Button>
      </div>
    </section>
  );
}

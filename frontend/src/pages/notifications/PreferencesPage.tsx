import { useState } from 'react';
import { getPreferences, putPreferences } from '../../api/notify';
import { Button } from '../../components/Button';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { RequirementBadge } from '../../components/RequirementBadge';
import { MANDATORY_NOTICES, NOTIFY_MESSAGES, OPTIONAL_NOTICES } from './messages';
import { NotificationsNav } from './NotificationsNav';
import { useCurrentUser } from '../../auth/session';
import { DELIVERIES, draftOf, isViewer, preferencesFor, type OptionalReason, type PreferenceDraft } from './preferences';
import { useLoad } from '../../lib/useLoad';
import { useSave } from '../../lib/useSave';

const M = NOTIFY_MESSAGES.preferences;

const NO_DRAFT: PreferenceDraft = { receive: [], delivery: 'each', instant: false };

/** メール通知の設定: how optional mail arrives; the mandatory notices are listed as always on. */
export function PreferencesPage() {
  const [loaded] = useLoad('preferences', (signal) => getPreferences(signal));
  // What the form shows: the stored preferences until the user changes one.
  const [edited, setDraft] = useState<PreferenceDraft | null>(null);
  const draft = edited ?? (loaded.status === 'ready' ? draftOf(loaded.data) : NO_DRAFT);
  const viewer = isViewer(useCurrentUser().roles);

  const toggle = (reason: OptionalReason, on: boolean) => {
    setDraft({ ...draft, receive: on ? [...draft.receive, reason] : draft.receive.filter((r) => r !== reason) });
    changed();
  };

  const { busy, onSubmit, outcome, changed } = useSave(async () => {
    setDraft(draftOf(await putPreferences(preferencesFor(draft))));
  });

  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      <NotificationsNav />
      {outcome({ error: M.errorTitle, saved: M.saved })}
      <section aria-labelledby="mandatory-title" className="max-w-3xl">
        <h2 id="mandatory-title" className="text-std-24B-150">
          {M.mandatoryTitle}
        </h2>
        <p className="mt-2 text-std-16N-170">{M.mandatoryNote}</p>
        <ul className="mt-4 flex flex-col gap-2" data-testid="mandatory-notices">
          {MANDATORY_NOTICES.map((notice) => (
            <li key={notice.key} className="flex flex-wrap items-start justify-between gap-2 rounded-8 border border-solid-gray-420 p-4">
              <div>
                <p className="text-std-17B-170">{notice.label}</p>
                <p className="text-dns-16N-130 text-solid-gray-700">{notice.detail}</p>
              </div>
              <span className="shrink-0 rounded-4 border border-success-2 px-2 text-dns-16B-130 text-success-2">{M.alwaysOn}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="optional-title" className="mt-12 max-w-3xl">
        <h2 id="optional-title" className="text-std-24B-150">
          {M.optionalTitle}
        </h2>
        {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
        {loaded.status === 'failed' ? <ApiErrorNotice title={M.failed} error={loaded.error} /> : null}
        {loaded.status === 'ready' ? (
          <form onSubmit={(e) => void onSubmit(e)} noValidate className="mt-4 flex flex-col gap-8">
            <fieldset id="receive" aria-describedby="receive-help" data-testid="optional-notices">
              <legend className="text-std-17B-170 text-solid-gray-800">
                {M.receiveLegend}
                <RequirementBadge required={false} />
              </legend>
              <p id="receive-help" className="mt-1 text-dns-16N-130 text-solid-gray-700">
                {M.receiveHelp}
              </p>
              <div className="mt-2 flex flex-col gap-3">
                {OPTIONAL_NOTICES.map((notice) => (
                  <div key={notice.key}>
                    <label className="flex items-center gap-2 text-std-16N-170">
                      <input
                        type="checkbox"
                        name="receive"
                        value={notice.key}
                        checked={draft.receive.includes(notice.key)}
                        onChange={(e) => toggle(notice.key, e.target.checked)}
                        aria-describedby={`receive-${notice.key}-help`}
                        className="size-6"
                      />
                      {notice.label}
                    </label>
                    <p id={`receive-${notice.key}-help`} className="ml-8 text-dns-16N-130 text-solid-gray-700">
                      {notice.detail}
                    </p>
                  </div>
                ))}
              </div>
            </fieldset>
            <fieldset id="delivery">
              <legend className="text-std-17B-170 text-solid-gray-800">
                {M.deliveryLegend}
                <RequirementBadge required />
              </legend>
              <div className="mt-2 flex flex-col gap-3">
                {DELIVERIES.map((value) => (
                  <div key={value}>
                    <label className="flex items-center gap-2 text-std-16N-170">
                      <input
                        type="radio"
                        name="delivery"
                        value={value}
                        checked={draft.delivery === value}
                        onChange={() => {
                          setDraft({ ...draft, delivery: value });
                          changed();
                        }}
                        aria-describedby={`delivery-${value}-help`}
                        className="size-6"
                      />
                      {M.delivery[value].label}
                    </label>
                    <p id={`delivery-${value}-help`} className="ml-8 text-dns-16N-130 text-solid-gray-700">
                      {M.delivery[value].help}
                    </p>
                  </div>
                ))}
              </div>
            </fieldset>
            {viewer ? (
              <fieldset id="instant">
                <legend className="text-std-17B-170 text-solid-gray-800">{M.instantLegend}</legend>
                <label className="mt-2 flex items-center gap-2 text-std-16N-170">
                  <input
                    type="checkbox"
                    name="instant"
                    checked={draft.instant}
                    onChange={(e) => {
                      setDraft({ ...draft, instant: e.target.checked });
                      changed();
                    }}
                    aria-describedby="instant-help"
                    className="size-6"
                  />
                  {M.instantLabel}
                </label>
                <p id="instant-help" className="ml-8 text-dns-16N-130 text-solid-gray-700">
                  {M.instantHelp}
                </p>
              </fieldset>
            ) : null}
            <div>
              <Button type="submit" unavailable={busy}>
                {busy ? M.saving : M.save}
              </Button>
            </div>
          </form>
        ) : null}
      </section>
    </Page>
  );
}

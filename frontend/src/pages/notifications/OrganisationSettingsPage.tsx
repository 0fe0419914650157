import { useState } from 'react';
import { getOrganisationSettings, putOrganisationSettings, type OrganisationSettingsIn } from '../../api/notify';
import { Button } from '../../components/Button';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { RequirementBadge } from '../../components/RequirementBadge';
import { useLoad } from '../../lib/useLoad';
import { useSave } from '../../lib/useSave';
import { NOTIFY_MESSAGES } from './messages';
import { NotificationsNav } from './NotificationsNav';

const M = NOTIFY_MESSAGES.organisation;

const OPTIONS = [
  { key: 'attach_ics', label: M.attachIcs, help: M.attachIcsHelp },
  { key: 'lgwan', label: M.lgwan, help: M.lgwanHelp },
] as const;

/** 団体の通知設定 (administrators): .ics attachments and LGWAN-side mailboxes. */
export function OrganisationSettingsPage() {
  const [loaded] = useLoad('organisation-settings', (signal) => getOrganisationSettings(signal));
  // What the form shows: the stored settings until the user changes one.
  const [edited, setValues] = useState<OrganisationSettingsIn | null>(null);
  const values: OrganisationSettingsIn =
    edited ?? (loaded.status === 'ready' ? { attach_ics: loaded.data.attach_ics, lgwan: loaded.data.lgwan } : { attach_ics: false, lgwan: false });

  const { busy, onSubmit, outcome, changed } = useSave(async () => {
    const stored = await putOrganisationSettings(values);
    setValues({ attach_ics: stored.attach_ics, lgwan: stored.lgwan });
  });

  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      <NotificationsNav />
      {outcome({ error: M.errorTitle, saved: M.saved })}
      {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
      {loaded.status === 'failed' ? <ApiErrorNotice title={M.failed} error={loaded.error} /> : null}
      {loaded.status === 'ready' ? (
        <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex max-w-3xl flex-col gap-6">
          <fieldset>
            <legend className="text-std-17B-170 text-solid-gray-800">
              {M.legend}
              <RequirementBadge required={false} />
            </legend>
            <div className="mt-2 flex flex-col gap-3">
              {OPTIONS.map((option) => (
                <div key={option.key}>
                  <label className="flex items-center gap-2 text-std-16N-170">
                    <input
                      type="checkbox"
                      name={option.key}
                      checked={values[option.key]}
                      onChange={(e) => {
                        setValues({ ...values, [option.key]: e.target.checked });
                        changed();
                      }}
                      aria-describedby={`${option.key}-help`}
                      className="size-6"
                    />
                    {option.label}
                  </label>
                  <p id={`${option.key}-help`} className="ml-8 text-dns-16N-130 text-solid-gray-700">
                    {option.help}
                  </p>
                </div>
              ))}
            </div>
          </fieldset>
          <div>
            <Button type="submit" unavailable={busy}>
              {busy ? M.saving : M.save}
            </Button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}

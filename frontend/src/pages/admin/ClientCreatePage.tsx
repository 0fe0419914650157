import { useRef, useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { createClient, type ClientSecretOut } from '../../api/admin';
import { ApiError } from '../../api/problem';
import { Button } from '../../components/Button';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { FIELD_COMPONENT_MESSAGES } from '../../components/messages';
import { Page } from '../../components/Page';
import { RequirementBadge } from '../../components/RequirementBadge';
import { TextField } from '../../components/TextField';
import { AdminNav } from './AdminNav';
import { CLIENT_FIELD_IDS, parseExpiryDays, validateClient, type ClientDraft } from './forms';
import { ADMIN_MESSAGES, SCOPES } from './messages';
import { ADMIN_PATHS } from './paths';
import { SecretOnce } from './SecretOnce';

const M = ADMIN_MESSAGES.clientForm;
const TIERS = ['ministry_system', 'service'] as const;

function fieldError(errors: SummaryItem[], id: string) {
  return errors.find((e) => e.fieldId === id)?.message;
}

/** マシンクライアントの登録: the secret appears once, here, after the server makes it. */
export function ClientCreatePage() {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<ClientDraft>({
    clientId: '',
    name: '',
    tier: 'ministry_system',
    organisation: '',
    scopes: [],
    expiresInDays: '',
  });
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ClientSecretOut | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const errorAt = (id: string) => fieldError(errors, id);

  const showErrors = (found: SummaryItem[]) => {
    setErrors(found);
    requestAnimationFrame(() => summary.current?.focus());
  };

  const toggleScope = (scope: string, on: boolean) =>
    setDraft({ ...draft, scopes: on ? [...draft.scopes, scope] : draft.scopes.filter((s) => s !== scope) });

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = validateClient(draft);
    if (found.length > 0) {
      showErrors(found);
      return;
    }
    setBusy(true);
    try {
      const result = await createClient({
        client_id: draft.clientId.trim(),
        name: draft.name.trim(),
        tier: draft.tier,
        organisation: draft.organisation.trim(),
        scopes: draft.scopes,
        expires_in_days: parseExpiryDays(draft.expiresInDays) ?? null,
      });
      setErrors([]);
      setCreated(result);
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        showErrors(
          error.fieldErrors.map((problem) => {
            const fieldId = CLIENT_FIELD_IDS[problem.field.split('/')[0] ?? ''];
            return fieldId ? { fieldId, message: problem.message } : { message: problem.message };
          }),
        );
      } else {
        const message = error instanceof ApiError ? (error.problem.detail ?? error.title) : String(error);
        showErrors(error instanceof ApiError && error.kind === 'conflict' ? [{ fieldId: 'client-id', message }] : [{ message }]);
      }
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <Page title={M.created(created.client.client_id)}>
        <AdminNav />
        <SecretOnce clientId={created.client.client_id} secret={created.client_secret} onDone={() => void navigate(ADMIN_PATHS.clients)} />
      </Page>
    );
  }

  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      <AdminNav />
      {errors.length > 0 ? <ErrorSummary ref={summary} title={M.errorTitle} items={errors} /> : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex max-w-2xl flex-col gap-6">
        <TextField
          id="client-id"
          label={M.clientId}
          required
          autoComplete="off"
          spellCheck={false}
          supportText={M.clientIdHelp}
          value={draft.clientId}
          onChange={(e) => setDraft({ ...draft, clientId: e.target.value })}
          error={errorAt('client-id')}
        />
        <TextField
          id="client-name"
          label={M.name}
          required
          autoComplete="off"
          supportText={M.nameHelp}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          error={errorAt('client-name')}
        />
        <fieldset id="client-tier" tabIndex={-1}>
          <legend className="text-std-17B-170 text-solid-gray-800">
            {M.tier}
            <RequirementBadge required />
          </legend>
          <div className="mt-2 flex flex-col gap-3">
            {TIERS.map((tier) => (
              <div key={tier}>
                <label className="flex items-center gap-2 text-std-16N-170">
                  <input
                    type="radio"
                    name="tier"
                    value={tier}
                    checked={draft.tier === tier}
                    onChange={() => setDraft({ ...draft, tier })}
                    aria-describedby={`client-tier-${tier}-help`}
                    className="size-6"
                  />
                  {M.tiers[tier].label}
                </label>
                <p id={`client-tier-${tier}-help`} className="ml-8 text-dns-16N-130 text-solid-gray-700">
                  {M.tiers[tier].help}
                </p>
              </div>
            ))}
          </div>
        </fieldset>
        <TextField
          id="client-organisation"
          label={M.organisation}
          required
          autoComplete="off"
          spellCheck={false}
          supportText={M.organisationHelp}
          value={draft.organisation}
          onChange={(e) => setDraft({ ...draft, organisation: e.target.value })}
          error={errorAt('client-organisation')}
        />
        <fieldset
          id="client-scopes"
          tabIndex={-1}
          aria-describedby={['client-scopes-help', errorAt('client-scopes') ? 'client-scopes-error' : ''].filter(Boolean).join(' ')}
        >
          <legend className="text-std-17B-170 text-solid-gray-800">
            {M.scopes}
            <RequirementBadge required />
          </legend>
          <p id="client-scopes-help" className="mt-1 text-dns-16N-130 text-solid-gray-700">
            {M.scopesHelp}
          </p>
          {errorAt('client-scopes') ? (
            <p id="client-scopes-error" className="mt-1 text-dns-16N-130 text-error-1">
              {FIELD_COMPONENT_MESSAGES.fieldError(errorAt('client-scopes') ?? '')}
            </p>
          ) : null}
          <div className="mt-2 flex flex-col gap-2">
            {SCOPES.map((scope) => (
              <label key={scope.value} className="flex items-center gap-2 text-std-16N-170">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope.value}
                  checked={draft.scopes.includes(scope.value)}
                  onChange={(e) => toggleScope(scope.value, e.target.checked)}
                  className="size-6"
                />
                <span>
                  {scope.label} <code className="text-dns-14N-130">{scope.value}</code>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          id="client-expires"
          label={M.expires}
          required={false}
          inputMode="numeric"
          autoComplete="off"
          supportText={M.expiresHelp}
          value={draft.expiresInDays}
          onChange={(e) => setDraft({ ...draft, expiresInDays: e.target.value })}
          error={errorAt('client-expires')}
        />
        <div className="flex flex-wrap items-center gap-6">
          <Button type="submit" unavailable={busy}>
            {busy ? M.submitting : M.submit}
          </Button>
          <Link to={ADMIN_PATHS.clients} className="text-std-16N-170">
            {M.back}
          </Link>
        </div>
      </form>
    </Page>
  );
}

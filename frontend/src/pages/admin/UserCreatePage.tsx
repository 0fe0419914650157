import { useRef, useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { USER_PAGE_SIZE, createUser, listUsers } from '../../api/admin';
import { ApiError } from '../../api/problem';
import { useNotices } from '../../app/notices';
import { useCurrentUser } from '../../auth/session';
import { ROLE_LABELS } from '../../auth/messages';
import type { Role } from '../../auth/types';
import { Button } from '../../components/Button';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { FIELD_COMPONENT_MESSAGES } from '../../components/messages';
import { Page } from '../../components/Page';
import { RequirementBadge } from '../../components/RequirementBadge';
import { TextField } from '../../components/TextField';
import { AdminNav } from './AdminNav';
import { validateUser, type UserDraft, USER_FIELD_IDS } from './forms';
import { ADMIN_MESSAGES } from './messages';
import { ADMIN_PATHS } from './paths';

const M = ADMIN_MESSAGES.userForm;

const LOCAL_ROLES: readonly Role[] = ['viewer', 'editor', 'approver', 'admin'];
const NATIONAL_ROLES: readonly Role[] = [...LOCAL_ROLES, 'reviewer', 'publisher'];

/** 利用者の登録: a user of the administrator's own organisation (never chosen on the form). */
export function UserCreatePage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { showNotice } = useNotices();
  const roles = me.tier === 'national' ? NATIONAL_ROLES : LOCAL_ROLES;
  const [draft, setDraft] = useState<UserDraft>({ name: '', email: '', role: '', password: '' });
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const errorAt = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  const set = (field: keyof UserDraft) => (value: string) => setDraft({ ...draft, [field]: value });

  const showErrors = (found: SummaryItem[]) => {
    setErrors(found);
    requestAnimationFrame(() => summary.current?.focus());
  };

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = validateUser(draft);
    if (found.length > 0) {
      showErrors(found);
      return;
    }
    setBusy(true);
    try {
      const user = await createUser({
        name: draft.name.trim(),
        email: draft.email.trim(),
        password: draft.password,
        roles: [draft.role as Role],
      });
      // The list is in registration order: open the page the new user is on.
      const { total } = await listUsers(0);
      const last = Math.max(0, Math.floor((total - 1) / USER_PAGE_SIZE) * USER_PAGE_SIZE);
      showNotice({ tone: 'success', title: M.created(user.name), path: ADMIN_PATHS.users });
      void navigate(last > 0 ? `${ADMIN_PATHS.users}?offset=${last}` : ADMIN_PATHS.users);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        showErrors(
          error.fieldErrors.map((problem) => {
            const fieldId = USER_FIELD_IDS[problem.field.split('/')[0] ?? ''];
            return fieldId ? { fieldId, message: problem.message } : { message: problem.message };
          }),
        );
        return;
      }
      const message = error instanceof ApiError ? (error.problem.detail ?? error.title) : String(error);
      showErrors(error instanceof ApiError && error.kind === 'conflict' ? [{ fieldId: 'user-email', message }] : [{ message }]);
    }
  };

  return (
    <Page title={M.title} lead={<p>{M.lead(me.organisation_name)}</p>}>
      <AdminNav />
      {errors.length > 0 ? <ErrorSummary ref={summary} title={M.errorTitle} items={errors} /> : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex max-w-2xl flex-col gap-6">
        <div>
          <p className="text-std-17B-170 text-solid-gray-800">{M.organisation}</p>
          <p className="mt-1 text-std-16N-170" data-testid="user-organisation">
            {me.organisation_name}
          </p>
        </div>
        <TextField id="user-name" label={M.name} required autoComplete="off" value={draft.name} onChange={(e) => set('name')(e.target.value)} error={errorAt('user-name')} />
        <TextField
          id="user-email"
          type="email"
          label={M.email}
          required
          autoComplete="off"
          supportText={M.emailHelp}
          value={draft.email}
          onChange={(e) => set('email')(e.target.value)}
          error={errorAt('user-email')}
        />
        <fieldset id="user-role" tabIndex={-1} aria-describedby={errorAt('user-role') ? 'user-role-error' : undefined}>
          <legend className="text-std-17B-170 text-solid-gray-800">
            {M.role}
            <RequirementBadge required />
          </legend>
          {errorAt('user-role') ? (
            <p id="user-role-error" className="mt-1 text-dns-16N-130 text-error-1">
              {FIELD_COMPONENT_MESSAGES.fieldError(errorAt('user-role') ?? '')}
            </p>
          ) : null}
          <div className="mt-2 flex flex-col gap-2">
            {roles.map((role) => (
              <label key={role} className="flex items-center gap-2 text-std-16N-170">
                <input type="radio" name="role" value={role} checked={draft.role === role} onChange={() => set('role')(role)} className="size-6" />
                {ROLE_LABELS[role]}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          id="user-password"
          type="password"
          label={M.password}
          required
          autoComplete="new-password"
          supportText={M.passwordHelp}
          value={draft.password}
          onChange={(e) => set('password')(e.target.value)}
          error={errorAt('user-password')}
        />
        <div className="flex flex-wrap items-center gap-6">
          <Button type="submit" unavailable={busy}>
            {busy ? M.submitting : M.submit}
          </Button>
          <Link to={ADMIN_PATHS.users} className="text-std-16N-170">
            {M.back}
          </Link>
        </div>
      </form>
    </Page>
  );
}

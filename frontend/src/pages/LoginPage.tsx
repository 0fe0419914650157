import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api/problem';
import { RedirectIfAuthenticated } from '../auth/guards';
import { safeNextPath, useSession } from '../auth/session';
import { Button } from '../components/Button';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { Page } from '../components/Page';
import { TextField } from '../components/TextField';
import { GlobalNotice, SkipLink } from '../layout/AppFrame';
import { MESSAGES } from '../messages';

type Field = 'email' | 'password';
type FieldErrors = Partial<Record<Field, string>>;

const FIELD_IDS: Record<Field, string> = { email: 'login-email', password: 'login-password' };
const FIELD_ORDER: readonly Field[] = ['email', 'password'];
// Deliberately loose: the server decides; this only catches a missing @ or domain before sending.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateLogin(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (email.trim() === '') errors.email = MESSAGES.login.emailRequired;
  else if (!EMAIL_SHAPE.test(email.trim())) errors.email = MESSAGES.login.emailInvalid;
  if (password === '') errors.password = MESSAGES.login.passwordRequired;
  return errors;
}

function fieldOf(path: string): Field | null {
  const last = path.split('/').pop();
  return last === 'email' || last === 'password' ? last : null;
}

function LoginForm() {
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  const summaryItems: SummaryItem[] = [
    ...(formError ? [{ message: formError }] : []),
    ...FIELD_ORDER.flatMap((field) => {
      const message = fieldErrors[field];
      return message ? [{ fieldId: FIELD_IDS[field], message }] : [];
    }),
  ];

  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const errors = validateLogin(email, password);
    setFormError(null);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setSubmitting(true);
    try {
      await login({ email: email.trim(), password });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : null;
      const serverFieldErrors: FieldErrors = {};
      const unplaced: string[] = [];
      for (const problem of apiError?.fieldErrors ?? []) {
        const field = fieldOf(problem.field);
        if (field) serverFieldErrors[field] ??= problem.message;
        else unplaced.push(problem.message);
      }
      setFieldErrors(serverFieldErrors);
      if (apiError?.kind === 'unauthorized') setFormError(MESSAGES.login.failed);
      else if (Object.keys(serverFieldErrors).length === 0) {
        setFormError([apiError?.problem.detail ?? apiError?.title ?? MESSAGES.login.failed, ...unplaced].join(' '));
      }
      setPassword('');
      setAttempt((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="mt-2">
      {summaryItems.length > 0 ? (
        <ErrorSummary ref={summary} title={MESSAGES.login.summaryTitle} items={summaryItems} />
      ) : null}
      <div className="flex flex-col gap-6">
        <TextField
          id={FIELD_IDS.email}
          name="email"
          type="email"
          label={MESSAGES.login.email}
          supportText={MESSAGES.login.emailSupport}
          required
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          error={fieldErrors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          id={FIELD_IDS.password}
          name="password"
          type="password"
          label={MESSAGES.login.password}
          required
          autoComplete="current-password"
          value={password}
          error={fieldErrors.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div>
          <Button type="submit" unavailable={submitting} aria-describedby={submitting ? 'login-progress' : undefined}>
            {MESSAGES.login.submit}
          </Button>
          <p id="login-progress" role="status" className="mt-2 text-dns-16N-130 text-solid-gray-700">
            {submitting ? MESSAGES.login.submitting : ''}
          </p>
        </div>
      </div>
    </form>
  );
}

export function LoginPage() {
  const [params] = useSearchParams();
  return (
    <RedirectIfAuthenticated to={safeNextPath(params.get('next'))}>
      <div className="flex min-h-screen flex-col bg-solid-gray-50">
        <SkipLink />
        <header className="border-b border-solid-gray-420 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-4 md:px-8">
            <p className="text-std-20B-150 text-solid-gray-900">{MESSAGES.appName}</p>
            <p className="text-dns-14N-130 text-solid-gray-700">{MESSAGES.appSubtitle}</p>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-2xl flex-1 px-4 py-10">
          <GlobalNotice />
          <div className="rounded-12 bg-white p-6 shadow-1 md:p-10">
            <Page title={MESSAGES.login.title} lead={<p>{MESSAGES.login.lead}</p>}>
              <LoginForm />
            </Page>
          </div>
        </main>
      </div>
    </RedirectIfAuthenticated>
  );
}

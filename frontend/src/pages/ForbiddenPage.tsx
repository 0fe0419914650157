import { Link } from 'react-router';
import { Page } from '../components/Page';
import { MESSAGES } from '../messages';

export function ForbiddenPage() {
  return (
    <Page title={MESSAGES.forbidden.title}>
      <p className="text-std-16N-170">{MESSAGES.forbidden.body}</p>
      <p className="mt-2 text-std-16N-170">{MESSAGES.session.forbiddenDetail}</p>
      <p className="mt-6">
        <Link to="/">{MESSAGES.notFound.back}</Link>
      </p>
    </Page>
  );
}

import { Link } from 'react-router';
import { Page } from '../components/Page';
import { MESSAGES } from '../messages';

export function NotFoundPage() {
  return (
    <Page title={MESSAGES.notFound.title}>
      <p className="text-std-16N-170">{MESSAGES.notFound.body}</p>
      <p className="mt-6">
        <Link to="/">{MESSAGES.notFound.back}</Link>
      </p>
    </Page>
  );
}

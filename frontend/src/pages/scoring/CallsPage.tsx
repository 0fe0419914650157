import { Link } from 'react-router';
import { listCalls } from '../../api/scoring';
import { useCurrentUser } from '../../auth/session';
import { hasRole } from '../../auth/types';
import { EmptyState } from '../../components/EmptyState';
import { Page } from '../../components/Page';
import { now } from '../../lib/clock';
import { prefectureName } from '../../lib/plans';
import { ScoringNav } from './ScoringNav';
import { criteriaText, formatMoment, windowState } from './criteria';
import { SCORING } from './messages';
import { useLoad } from '../../lib/useLoad';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';

const M = SCORING.calls;
const cell = 'p-2 text-left align-top';

/** 重点支援企業の公募: the calls the user may see, newest first, with their window and criteria. */
export function CallsPage() {
  const user = useCurrentUser();
  const [loaded] = useLoad('calls', (signal) => listCalls(signal));
  const mayCreate = user.tier === 'prefecture' && hasRole(user, 'approver');
  const at = now();
  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      <ScoringNav />
      {mayCreate ? (
        <p className="mb-6">
          <Link to="/scoring/calls/new" className="text-std-16B-170 text-blue-900 underline">
            {M.create}
          </Link>
        </p>
      ) : null}
      {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
      {loaded.status === 'failed' ? <ApiErrorNotice title={M.failed} error={loaded.error} /> : null}
      {loaded.status === 'ready' && loaded.data.length === 0 ? (
        <EmptyState title={M.empty}>
          <p>{mayCreate ? M.create : M.lead}</p>
        </EmptyState>
      ) : null}
      {loaded.status === 'ready' && loaded.data.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-std-16N-170" data-testid="calls">
            <caption className="mb-2 text-left text-std-17B-170">{M.caption}</caption>
            <thead>
              <tr className="border-b-2 border-solid-gray-600">
                <th scope="col" className={cell}>{M.name}</th>
                <th scope="col" className={cell}>{M.window}</th>
                <th scope="col" className={cell}>{M.state}</th>
                <th scope="col" className={cell}>{M.criteria}</th>
              </tr>
            </thead>
            <tbody>
              {[...loaded.data].sort((a, b) => b.id - a.id).map((call) => (
                <tr key={call.id} className="border-b border-solid-gray-420">
                  <th scope="row" className={`${cell} font-normal`}>
                    <Link to={`/scoring/calls/${call.id}`} className="text-std-16B-170 text-blue-900 underline">
                      {call.title}
                    </Link>
                    {user.tier === 'national' ? <span className="block text-dns-14N-130">{prefectureName(call.prefecture)}</span> : null}
                  </th>
                  <td className={cell}>
                    {formatMoment(call.opens_at)} 〜
                    <br />
                    {formatMoment(call.closes_at)}
                  </td>
                  <td className={cell}>{M.states[windowState(call, at)]}</td>
                  <td className={cell}>{criteriaText(call).join('、') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}

import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CALENDAR_ICS_PATH, listClosedDays, listDeadlines, type ClosedDay, type DeadlineOut } from '../../api/notify';
import { Button } from '../../components/Button';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { EmptyState } from '../../components/EmptyState';
import { Page } from '../../components/Page';
import { now } from '../../lib/clock';
import { useLoad } from '../../lib/useLoad';
import { formatDateBoth, formatDateTimeJst, formatUntil, isoDateJst, isoDateTimeJst, jstDay, jstParts } from '../../lib/dates';
import {
  WEEKDAY_LABELS,
  deadlineDay,
  formatYearMonthParam,
  gridRange,
  monthGrid,
  monthHeading,
  monthOf,
  parseYearMonth,
  shiftMonth,
  type YearMonth,
} from './calendar';
import { NOTIFY_MESSAGES } from './messages';
import { NotificationsNav } from './NotificationsNav';

const M = NOTIFY_MESSAGES.calendar;

function timeOf(value: string): string {
  const { hour, minute } = jstParts(value);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The time of a deadline in the grid: 「まで」 for a day deadline (the whole day counts), else HH:MM. */
function whenOf(deadline: DeadlineOut): string {
  return deadline.last_day ? M.until : timeOf(deadline.due_at);
}

/** The JST day of a deadline as a Date (its last day for a day deadline). */
function dayOf(deadline: DeadlineOut): Date {
  return deadline.last_day ? jstDay(deadline.last_day) : new Date(deadline.due_at);
}

export const DEADLINE_PAGE = (id: number) => `/notifications/deadlines/${id}`;

function MonthGrid({
  month,
  deadlines,
  today,
  closed,
}: {
  month: YearMonth;
  deadlines: DeadlineOut[];
  today: string;
  closed: Map<string, ClosedDay>;
}) {
  const byDay = new Map<string, DeadlineOut[]>();
  for (const d of deadlines) byDay.set(deadlineDay(d), [...(byDay.get(deadlineDay(d)) ?? []), d]);
  const heading = monthHeading(month);
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[42rem] table-fixed border-collapse" data-testid="deadline-calendar">
        <caption className="sr-only">{M.gridCaption(heading)}</caption>
        <thead>
          <tr>
            {WEEKDAY_LABELS.map((label, i) => (
              <th
                key={label}
                scope="col"
                className={`border border-solid-gray-420 bg-solid-gray-50 py-2 text-std-16B-170 ${i === 0 ? 'text-error-1' : ''}`}
              >
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(month).map((week) => (
            <tr key={week[0]?.iso}>
              {week.map((day) => {
                const items = day.inMonth ? (byDay.get(day.iso) ?? []) : [];
                const isToday = day.iso === today;
                const holiday = day.inMonth ? closed.get(day.iso) : undefined;
                return (
                  <td
                    key={day.iso}
                    aria-current={isToday ? 'date' : undefined}
                    data-date={day.iso}
                    data-closed={holiday?.kind}
                    className={`h-24 border border-solid-gray-420 p-1 align-top ${
                      items.length > 0 ? 'bg-yellow-50' : holiday ? 'bg-solid-gray-100' : day.inMonth ? 'bg-white' : 'bg-solid-gray-50'
                    } ${isToday ? 'outline-3 -outline-offset-3 outline-blue-900 outline-solid' : ''}`}
                  >
                    {day.inMonth ? (
                      <>
                        <span className="text-dns-16B-130">
                          {day.day}
                          {isToday ? <span className="ml-1 text-dns-14N-130 text-blue-900">{M.today}</span> : null}
                        </span>
                        {holiday ? (
                          <span className="block text-dns-14B-120 text-solid-gray-900" data-testid={`closed-${day.iso}`}>
                            {M.closedDay(holiday.name)}
                          </span>
                        ) : null}
                        {items.length > 0 ? (
                          <ul className="mt-1 flex flex-col gap-1">
                            {items.map((item) => (
                              <li key={item.id} className="rounded-4 border-l-4 border-blue-900 bg-blue-50 px-1 text-dns-14N-130 break-words">
                                <span className="block font-bold">{whenOf(item)}</span>
                                <Link to={DEADLINE_PAGE(item.id)} className="text-blue-900 underline">
                                  {item.title}
                                </Link>
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </>
                    ) : (
                      <span className="text-dns-16N-130 text-solid-gray-600" aria-hidden="true">
                        {day.day}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeadlineItems({ deadlines }: { deadlines: DeadlineOut[] }) {
  const kinds: Record<string, string> = M.kinds;
  return (
    <ul className="flex flex-col gap-4" data-testid="deadline-list">
      {deadlines.map((d) => (
        <li key={d.id} className="rounded-8 border border-solid-gray-420 bg-white p-4" data-testid={`deadline-${d.id}`}>
          <div className="flex flex-wrap items-start justify-between gap-4">
            <h3 className="text-std-20B-150">
              <Link to={DEADLINE_PAGE(d.id)} className="text-blue-900 underline">
                {d.title}
              </Link>
            </h3>
            <p
              className={`shrink-0 rounded-6 px-3 py-1 text-oln-16B-100 text-white ${d.days_left === 0 ? 'bg-error-1' : 'bg-blue-900'}`}
            >
              {M.daysLeft(d.days_left)}
            </p>
          </div>
          <p className="mt-2 text-std-17B-170">
            <time dateTime={d.last_day ?? isoDateTimeJst(d.due_at)}>{formatDateBoth(dayOf(d))}</time>
          </p>
          <p className="text-dns-16N-130 text-solid-gray-700">
            {d.last_day ? formatUntil(d.last_day) : formatDateTimeJst(d.due_at)}
            {NOTIFY_MESSAGES.deadline.jst}
          </p>
          {d.description ? <p className="mt-2 text-std-16N-170">{d.description}</p> : null}
          <p className="mt-2 flex flex-wrap gap-2 text-dns-14N-130">
            {kinds[d.kind] ? <span className="rounded-4 border border-solid-gray-536 px-2">{kinds[d.kind]}</span> : null}
            {d.mandatory ? <span className="rounded-4 border border-error-1 px-2 text-error-1">{M.mandatory}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

const NO_CLOSED_DAYS = new Map<string, ClosedDay>();

/** 締切カレンダー: the caller's deadlines as a JST month grid and as a list with the days left. */
export function DeadlineCalendarPage() {
  const [params, setParams] = useSearchParams();
  const current = now();
  const month = parseYearMonth(params.get('month')) ?? monthOf(current);
  const { from, to } = gridRange(month);
  const [loaded] = useLoad('deadlines', (signal) => listDeadlines(signal).then((page) => page.items));
  // Holidays are a help, not the page: when they cannot be read the grid shows without them. Another
  // month keeps the last month's until its own arrive.
  const [holidays] = useLoad('closed-days', (signal) => listClosedDays(from, to, signal), `${from}/${to}`);
  const closed = useMemo(() => (holidays.status === 'ready' ? new Map(holidays.data.map((d) => [d.date, d])) : NO_CLOSED_DAYS), [holidays]);

  const goTo = (target: YearMonth) => setParams(new URLSearchParams({ month: formatYearMonthParam(target) }));
  const heading = monthHeading(month);
  const deadlines = loaded.status === 'ready' ? loaded.data : [];
  const inMonth = deadlines.filter((d) => {
    const { year, month: m } = jstParts(dayOf(d));
    return year === month.year && m === month.month;
  });

  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      <NotificationsNav />
      <section aria-labelledby="calendar-month">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h2 id="calendar-month" className="text-std-24B-150" aria-live="polite">
            {heading}
          </h2>
          <nav aria-label={M.monthNav} className="flex flex-wrap gap-2">
            <Button variant="secondary" size="sm" onClick={() => goTo(shiftMonth(month, -1))}>
              {M.previous}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => goTo(monthOf(current))}>
              {M.thisMonth}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => goTo(shiftMonth(month, 1))}>
              {M.next}
            </Button>
          </nav>
        </div>
        {loaded.status === 'ready' ? (
          <p className="mt-2 text-std-16N-170" data-testid="month-count">
            {M.deadlineCount(inMonth.length)}
          </p>
        ) : null}
        <div className="mt-4">
          <MonthGrid month={month} deadlines={deadlines} today={isoDateJst(current)} closed={closed} />
        </div>
        <p className="mt-2 text-dns-16N-130 text-solid-gray-700">{M.closedLegend}</p>
      </section>
      <section aria-labelledby="deadline-list-title" className="mt-12">
        <h2 id="deadline-list-title" className="text-std-24B-150">
          {M.listTitle}
        </h2>
        <p className="mt-2 text-std-16N-170">
          <a href={CALENDAR_ICS_PATH} download className="text-std-16B-170 text-blue-900 underline">
            {M.download}
          </a>
        </p>
        <p className="text-dns-16N-130 text-solid-gray-700">{M.downloadHelp}</p>
        <div className="mt-4">
          {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
          {loaded.status === 'failed' ? <ApiErrorNotice title={M.failed} error={loaded.error} /> : null}
          {loaded.status === 'ready' ? (
            loaded.data.length === 0 ? (
              <EmptyState title={M.empty}>
                <p>{M.emptyDetail}</p>
              </EmptyState>
            ) : (
              <DeadlineItems deadlines={loaded.data} />
            )
          ) : null}
        </div>
      </section>
    </Page>
  );
}

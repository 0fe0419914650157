import { useEffect, useRef, useState } from 'react';
import { replaceCoordination, type CoordinationEntry, type PlanOut, type Versioned } from '../../api/plans';
import { ApiError } from '../../api/problem';
import { Button } from '../../components/Button';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { SelectField } from '../../components/SelectField';
import { TextArea } from '../../components/TextArea';
import { TextField } from '../../components/TextField';
import { formatDateBoth } from '../../lib/dates';
import { COORDINATION_PARTY_LABELS, type CoordinationPartyKind } from '../../lib/plans';
import { PLAN_MESSAGES as M } from './messages';

interface Row {
  party_kind: CoordinationPartyKind;
  party_name: string;
  consulted_on: string;
  notes: string;
}

const KINDS = Object.keys(COORDINATION_PARTY_LABELS) as CoordinationPartyKind[];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The stored checklist (a list of JSON objects) as rows; anything unreadable becomes an empty string. */
export function coordinationRows(stored: PlanOut['coordination']): Row[] {
  return stored.map((entry) => {
    const text = (key: string) => {
      const value = entry[key];
      return typeof value === 'string' ? value : '';
    };
    const kind = text('party_kind') as CoordinationPartyKind;
    return {
      party_kind: KINDS.includes(kind) ? kind : 'other',
      party_name: text('party_name'),
      consulted_on: text('consulted_on'),
      notes: text('notes'),
    };
  });
}

/** `令和8年5月20日（2026年5月20日）`, or null while the year is still being typed (和暦 starts in 平成). */
export function coordinationDate(iso: string): string | null {
  if (!ISO_DATE.test(iso) || Number(iso.slice(0, 4)) < 1989) return null;
  try {
    return formatDateBoth(iso);
  } catch {
    return null;
  }
}

const inputId = (i: number, name: keyof Row) => `coordination-${i}-${name}`;

/** Every empty name or date, in the order of the rows. */
export function coordinationProblems(rows: readonly Row[]): SummaryItem[] {
  return rows.flatMap((row, i) => [
    ...(row.party_name.trim() ? [] : [{ fieldId: inputId(i, 'party_name'), message: M.coordinationProblem(M.coordinationEntry(i + 1), M.coordinationNameError) }]),
    ...(ISO_DATE.test(row.consulted_on) ? [] : [{ fieldId: inputId(i, 'consulted_on'), message: M.coordinationProblem(M.coordinationEntry(i + 1), M.coordinationDateError) }]),
  ]);
}

/**
 * 各種調整 (seed 000 ⑤ 3.): who the plan was coordinated with, when, and what came of it. Saved on
 * its own (PUT with the plan's ETag) so the editor's unsaved changes are never touched.
 */
export function CoordinationPanel({
  plan,
  etag,
  readOnly,
  onSaved,
}: {
  plan: PlanOut;
  etag: string;
  readOnly: boolean;
  onSaved: (result: Versioned) => void;
}) {
  const stored = JSON.stringify(coordinationRows(plan.coordination));
  const [rows, setRows] = useState<Row[]>(() => coordinationRows(plan.coordination));
  const [synced, setSynced] = useState(stored);
  const [problems, setProblems] = useState<{ title: string; items: SummaryItem[] } | null>(null);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const summary = useRef<HTMLDivElement>(null);

  // The plan changed on the server (another save): take its list unless this one has edits.
  if (synced !== stored) {
    if (JSON.stringify(rows) === synced) setRows(coordinationRows(plan.coordination));
    setSynced(stored);
  }
  const dirty = JSON.stringify(rows) !== stored;

  useEffect(() => {
    if (problems) summary.current?.focus();
  }, [problems]);

  const change = (i: number, name: keyof Row, value: string) => {
    setStatus('idle');
    setRows((previous) => previous.map((row, at) => (at === i ? { ...row, [name]: value } : row)));
  };

  const add = () => {
    setRows((previous) => [...previous, { party_kind: 'municipality', party_name: '', consulted_on: '', notes: '' }]);
    const next = rows.length;
    requestAnimationFrame(() => document.getElementById(inputId(next, 'party_kind'))?.focus());
  };

  const remove = (i: number) => {
    setRows((previous) => previous.filter((_, at) => at !== i));
    requestAnimationFrame(() => document.getElementById('coordination-heading')?.focus());
  };

  const save = async () => {
    const found = coordinationProblems(rows);
    if (found.length > 0) {
      setProblems({ title: M.coordinationErrors, items: found });
      return;
    }
    setProblems(null);
    setStatus('saving');
    try {
      const entries: CoordinationEntry[] = rows.map((row) => ({ ...row, party_name: row.party_name.trim() }));
      const result = await replaceCoordination(plan.id, entries, etag);
      setStatus('saved');
      onSaved(result);
    } catch (error) {
      setStatus('idle');
      if (error instanceof ApiError && error.kind === 'stale') {
        setProblems({ title: M.coordinationStale, items: [] });
        return;
      }
      const items =
        error instanceof ApiError
          ? error.fieldErrors.map((p) => {
              const [, index, name] = /^entries\/(\d+)\/(\w+)/.exec(p.field) ?? [];
              return index && name ? { fieldId: inputId(Number(index), name as keyof Row), message: p.message } : { message: p.message };
            })
          : [];
      setProblems({ title: error instanceof ApiError ? (error.problem.detail ?? error.title) : String(error), items });
    }
  };

  const errorAt = (i: number, name: keyof Row) => problems?.items.find((item) => item.fieldId === inputId(i, name))?.message;

  return (
    <section aria-labelledby="coordination-heading" className="mt-10 rounded-8 border border-solid-gray-420 p-4 md:p-6" data-testid="coordination">
      <h2 id="coordination-heading" tabIndex={-1} className="text-std-24B-150">
        {M.coordinationTitle}
      </h2>
      <p className="mt-2 text-std-16N-170 text-solid-gray-700">{M.coordinationLead}</p>
      {problems ? (
        <div className="mt-4">
          <ErrorSummary ref={summary} title={problems.title} items={problems.items} />
        </div>
      ) : null}
      {readOnly ? (
        rows.length === 0 ? (
          <p className="mt-4">{M.coordinationEmpty}</p>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <table className="w-full border-collapse text-left text-std-16N-170">
              <caption className="sr-only">{M.coordinationCaption}</caption>
              <thead>
                <tr className="border-b-2 border-solid-gray-600">
                  <th scope="col" className="p-2">{M.coordinationKind}</th>
                  <th scope="col" className="p-2">{M.coordinationName}</th>
                  <th scope="col" className="p-2">{M.coordinationDate}</th>
                  <th scope="col" className="p-2">{M.coordinationNotes}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={i} className="border-b border-solid-gray-420 align-top">
                    <td className="p-2">{COORDINATION_PARTY_LABELS[row.party_kind]}</td>
                    <td className="p-2">{row.party_name}</td>
                    <td className="p-2">{coordinationDate(row.consulted_on) ?? row.consulted_on}</td>
                    <td className="p-2 whitespace-pre-wrap">{row.notes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : (
        <>
          {rows.length === 0 ? <p className="mt-4">{M.coordinationEmpty}</p> : null}
          {rows.map((row, i) => (
            <fieldset key={i} className="mt-4 rounded-8 border border-solid-gray-420 p-4" data-testid={`coordination-${i}`}>
              <legend className="px-1 text-std-17B-170">{M.coordinationEntry(i + 1)}</legend>
              <div className="grid gap-4 md:grid-cols-3">
                <SelectField
                  id={inputId(i, 'party_kind')}
                  label={M.coordinationKind}
                  required
                  value={row.party_kind}
                  onChange={(e) => change(i, 'party_kind', e.target.value)}
                  options={KINDS.map((kind) => ({ value: kind, label: COORDINATION_PARTY_LABELS[kind] }))}
                />
                <TextField
                  id={inputId(i, 'party_name')}
                  label={M.coordinationName}
                  required
                  value={row.party_name}
                  error={errorAt(i, 'party_name')}
                  onChange={(e) => change(i, 'party_name', e.target.value)}
                />
                <div>
                  <TextField
                    id={inputId(i, 'consulted_on')}
                    type="date"
                    label={M.coordinationDate}
                    required
                    value={row.consulted_on}
                    error={errorAt(i, 'consulted_on')}
                    onChange={(e) => change(i, 'consulted_on', e.target.value)}
                  />
                  {coordinationDate(row.consulted_on) ? (
                    <p className="mt-1 text-dns-16N-130 text-solid-gray-700" data-testid={`coordination-${i}-date`}>
                      {coordinationDate(row.consulted_on)}
                    </p>
                  ) : null}
                </div>
              </div>
              <TextArea
                id={inputId(i, 'notes')}
                className="mt-4"
                label={M.coordinationNotes}
                required={false}
                rows={2}
                value={row.notes}
                onChange={(e) => change(i, 'notes', e.target.value)}
              />
              <Button variant="text" size="sm" className="mt-2" onClick={() => remove(i)}>
                {M.coordinationRemove(i + 1)}
              </Button>
            </fieldset>
          ))}
          <div className="mt-4 flex flex-wrap items-center gap-4">
            <Button variant="secondary" size="sm" onClick={add}>
              {M.coordinationAdd}
            </Button>
            <Button size="sm" unavailable={status === 'saving' || !dirty} onClick={() => void save()}>
              {status === 'saving' ? M.coordinationSaving : M.coordinationSave}
            </Button>
            <p role="status" className="text-std-16N-170" data-testid="coordination-status">
              {dirty ? M.coordinationUnsaved : status === 'saved' ? M.coordinationSaved : ''}
            </p>
          </div>
        </>
      )}
    </section>
  );
}

import { Button } from '../../../components/Button';
import { FiscalYearField } from '../../../components/FiscalYearField';
import { NumberField } from '../../../components/NumberField';
import { fiscalYearBoth, parseFiscalYear } from '../../../lib/fiscalYears';
import { KGI_KIND_LABELS, fieldId, isMandatoryKind, mandatoryYears, type KgiKind } from '../../../lib/plans';
import { newKgi } from '../../../lib/planDraft';
import { ValueAddedCalculator } from '../ValueAddedCalculator';
import { Anchor, CellInput, EditorSection, cell, focusAfterRender, type EditorProps } from './common';
import { EDITOR_MESSAGES as M } from './messages';

const C = M.kgiColumns;

type TextColumn = 'name' | 'unit' | 'basis';
type YearColumn = 'baseline_year' | 'target_year';

/** A year the plan sets (a mandatory KGI's target year, the cumulative capex's start): shown, not typed. */
function FixedYear({ path, label, year, source }: { path: string; label: string; year: number | null; source: string }) {
  return (
    <p id={fieldId(path)} tabIndex={-1} aria-label={label} className="flex min-h-12 flex-col justify-center text-std-16N-170" data-testid={`${fieldId(path)}-fixed`}>
      <span>{year ? fiscalYearBoth(year) : '—'}</span>
      <span className="text-dns-14N-130 text-solid-gray-700">{source}</span>
    </p>
  );
}

/** The KGI table: fits at 1366 px (fixed columns that share the width, no column cut off). */
export function KgiTable({ plan, draft, edit, readOnly, errors, sectionActions }: EditorProps) {
  const kinds = (Object.keys(KGI_KIND_LABELS) as KgiKind[]).filter(
    (k) => plan.plan_type === 'B' || !['capex_target_year', 'capex_cumulative', 'human_resources'].includes(k),
  );
  const start = parseFiscalYear(draft.period_start_fy);
  const goal = parseFiscalYear(draft.goal_fiscal_year);
  const startYear = start.kind === 'ok' ? start.year : null;
  const goalYear = goal.kind === 'ok' ? goal.year : null;
  return (
    <EditorSection id="editor-kgis" title={M.kgiTitle} lead={M.kgiLead} actions={sectionActions?.('kgis')}>
      <Anchor path="kgis">{M.kgiCount(draft.kgis.length)}</Anchor>
      <p className="text-dns-16N-130 text-solid-gray-700">{M.kgiYearsHint}</p>
      <div className="overflow-x-auto" data-testid="kgi-table-container">
        <table className="w-full table-fixed border-collapse text-left text-std-16N-170">
          <caption className="sr-only">{M.kgiCaption}</caption>
          <colgroup>
            <col className="w-[14%]" />
            <col className="w-[15%]" />
            <col className="w-[8%]" />
            <col className="w-[11%]" />
            <col className="w-[12%]" />
            <col className="w-[11%]" />
            <col className="w-[12%]" />
            <col />
            {readOnly ? null : <col className="w-[7%]" />}
          </colgroup>
          <thead>
            <tr className="border-b-2 border-solid-gray-600 text-std-16B-170">
              <th scope="col" className="p-1">{C.kind}</th>
              <th scope="col" className="p-1">{C.name}</th>
              <th scope="col" className="p-1">{C.unit}</th>
              <th scope="col" className="p-1">{C.baseline}</th>
              <th scope="col" className="p-1">{C.baselineYear}</th>
              <th scope="col" className="p-1">{C.target}</th>
              <th scope="col" className="p-1">{C.targetYear}</th>
              <th scope="col" className="p-1">{C.basis}</th>
              {readOnly ? null : (
                <th scope="col" className="p-1">
                  <span className="sr-only">{C.actions}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {draft.kgis.map((kgi, i) => {
              const n = i + 1;
              const title = kgi.name || KGI_KIND_LABELS[kgi.kind];
              const set = (name: TextColumn | YearColumn | 'baseline' | 'target') => (value: string) =>
                edit((d) => {
                  const row = d.kgis[i];
                  if (row) row[name] = value;
                });
              const at = (name: string) => errors[fieldId(`kgis/${i}/${name}`)];
              const fixed = mandatoryYears(plan.plan_type, kgi.kind, startYear, goalYear);
              const year = (name: YearColumn, label: string) =>
                name in fixed ? (
                  <FixedYear
                    path={`kgis/${i}/${name}`}
                    label={M.kgiCell(n, label)}
                    year={fixed[name] ?? null}
                    source={name === 'target_year' ? M.kgiFixedYear : M.kgiFixedStart}
                  />
                ) : (
                  <FiscalYearField
                    compact
                    id={fieldId(`kgis/${i}/${name}`)}
                    label={M.kgiCell(n, label)}
                    name={label}
                    required={name === 'target_year'}
                    value={kgi[name]}
                    readOnly={readOnly}
                    error={at(name)}
                    onChange={set(name)}
                  />
                );
              return (
                <tr key={kgi.key} className="border-b border-solid-gray-420 align-top" data-testid={`kgi-row-${i}`}>
                  <td className="p-1">
                    <select
                      id={fieldId(`kgis/${i}/kind`)}
                      aria-label={M.kgiCell(n, C.kind)}
                      value={kgi.kind}
                      disabled={readOnly}
                      onChange={(e) =>
                        edit((d) => {
                          const row = d.kgis[i];
                          if (row) row.kind = e.target.value as KgiKind;
                        })
                      }
                      className={cell}
                    >
                      {kinds.map((k) => (
                        <option key={k} value={k}>
                          {KGI_KIND_LABELS[k]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="p-1">
                    <CellInput wrap path={`kgis/${i}/name`} label={M.kgiCell(n, C.name)} value={kgi.name} onChange={set('name')} readOnly={readOnly} error={at('name')} />
                  </td>
                  <td className="p-1">
                    <CellInput path={`kgis/${i}/unit`} label={M.kgiCell(n, C.unit)} value={kgi.unit} onChange={set('unit')} readOnly={readOnly} error={at('unit')} />
                  </td>
                  <td className="p-1">
                    <NumberField compact id={fieldId(`kgis/${i}/baseline`)} label={M.kgiCell(n, C.baseline)} name={C.baseline} required={false} unit={kgi.unit} value={kgi.baseline} readOnly={readOnly} error={at('baseline')} onChange={set('baseline')} />
                  </td>
                  <td className="p-1">{year('baseline_year', C.baselineYear)}</td>
                  <td className="p-1">
                    <NumberField compact id={fieldId(`kgis/${i}/target`)} label={M.kgiCell(n, C.target)} name={C.target} required unit={kgi.unit} value={kgi.target} readOnly={readOnly} error={at('target')} onChange={set('target')} />
                  </td>
                  <td className="p-1">{year('target_year', C.targetYear)}</td>
                  <td className="p-1">
                    <CellInput wrap path={`kgis/${i}/basis`} label={M.kgiCell(n, C.basis)} value={kgi.basis} onChange={set('basis')} readOnly={readOnly} error={at('basis')} />
                  </td>
                  {readOnly ? null : (
                    <td className="p-1">
                      {isMandatoryKind(plan.plan_type, kgi.kind) && draft.kgis.filter((k) => k.kind === kgi.kind).length === 1 ? null : (
                        <Button
                          variant="text"
                          size="sm"
                          onClick={() => {
                            edit((d) => void d.kgis.splice(i, 1));
                            focusAfterRender('kgis');
                          }}
                        >
                          {M.remove}<span className="sr-only">{M.kgiRemoveWhich(n, title)}</span>
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {readOnly ? null : (
        <div>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              edit((d) => void d.kgis.push(newKgi('own', d.kgis)));
              focusAfterRender(`kgis/${draft.kgis.length}/kind`);
            }}
          >
            {M.kgiAdd}
          </Button>
        </div>
      )}
      {readOnly || plan.plan_type !== 'C' ? null : <ValueAddedCalculator draft={draft} edit={edit} />}
    </EditorSection>
  );
}

import { PLAN_RULES } from '../../../api/rules.gen';
import { Button } from '../../../components/Button';
import { HalfYearSelect } from '../../../components/HalfYearSelect';
import { NumberField } from '../../../components/NumberField';
import { RequirementBadge } from '../../../components/RequirementBadge';
import { SelectField } from '../../../components/SelectField';
import { TextArea } from '../../../components/TextArea';
import { TextField } from '../../../components/TextField';
import { halfYears, parseFiscalYear } from '../../../lib/fiscalYears';
import { COMPARATOR_LABELS, FIVE_W1H_LABELS, KGI_KIND_LABELS, fieldId, type Comparator, type FiveW1HKey } from '../../../lib/plans';
import { newKpi, type PlanDraft } from '../../../lib/planDraft';
import { Anchor, EditorSection, GroupError, focusAfterRender, type EditorProps } from './common';
import { EDITOR_MESSAGES as M } from './messages';

const K = M.kpiFields;

/** Plan period: five fiscal years from the start (plans-api's rule). */
const PLAN_PERIOD_YEARS = PLAN_RULES.plan_period_years;

export function KpiList({ draft, edit, readOnly, errors, sectionActions }: EditorProps) {
  const start = parseFiscalYear(draft.period_start_fy);
  const startYear = start.kind === 'ok' ? start.year : null;
  const periods = halfYears(startYear, startYear === null ? null : startYear + PLAN_PERIOD_YEARS - 1);
  return (
    <EditorSection
      id="editor-kpis"
      title={M.kpiTitle}
      lead={M.kpiLead}
      actions={sectionActions?.('kpis')}
    >
      <Anchor path="kpis">{M.kpiCount(draft.kpis.length)}</Anchor>
      {draft.kpis.map((kpi, i) => {
        const n = i + 1;
        const path = (name: string) => `kpis/${i}/${name}`;
        const at = (name: string) => errors[fieldId(path(name))];
        const change = (fn: (row: PlanDraft['kpis'][number]) => void) =>
          edit((d) => {
            const row = d.kpis[i];
            if (row) fn(row);
          });
        return (
          <fieldset key={kpi.key} className="min-w-0 rounded-8 border border-solid-gray-420 p-4" data-testid={`kpi-${i}`}>
            <legend className="px-1 text-std-17B-170">
              {M.kpiLegend(n, kpi.name)}
            </legend>
            <div className="grid gap-4 md:grid-cols-3">
              <TextField id={fieldId(path('name'))} label={M.kpiCell(n, K.name)} required value={kpi.name} readOnly={readOnly} error={at('name')} onChange={(e) => change((r) => void (r.name = e.target.value))} />
              <TextField id={fieldId(path('unit'))} label={M.kpiCell(n, K.unit)} required value={kpi.unit} readOnly={readOnly} error={at('unit')} onChange={(e) => change((r) => void (r.unit = e.target.value))} />
              <NumberField id={fieldId(path('baseline'))} label={M.kpiCell(n, K.baseline)} name={K.baseline} required={false} unit={kpi.unit} value={kpi.baseline} readOnly={readOnly} error={at('baseline')} onChange={(v) => change((r) => void (r.baseline = v))} />
            </div>
            <SelectField
              id={fieldId(path('kgi_key'))}
              label={M.kpiCell(n, K.kgi)}
              required
              className="mt-4"
              value={kpi.kgi_key}
              disabled={readOnly}
              onChange={(e) => change((r) => void (r.kgi_key = e.target.value))}
              options={[{ value: '', label: M.choose }, ...draft.kgis.map((k) => ({ value: k.key, label: k.name || KGI_KIND_LABELS[k.kind] }))]}
            />
            <GroupError message={at('kgi_key')} />
            <div className="mt-4" data-testid={`kpi-${i}-targets`}>
              <p className="text-std-17B-170" id={fieldId(path('targets'))} tabIndex={-1}>
                {M.kpiCell(n, K.targets)}
                <RequirementBadge required />
              </p>
              <p className="text-dns-16N-130 text-solid-gray-700">{M.kpiPeriodsHint}</p>
              <GroupError message={at('targets')} />
              <ul className="mt-2 flex flex-col gap-2">
                {kpi.targets.map((target, t) => (
                  <li key={t} className="grid grid-cols-[minmax(0,16rem)_minmax(0,12rem)_auto] items-start gap-2">
                    <HalfYearSelect
                      id={fieldId(path(`targets/${t}/period`))}
                      label={M.kpiTargetCell(n, t + 1, K.period)}
                      value={target.period}
                      options={periods}
                      disabled={readOnly}
                      error={at(`targets/${t}/period`)}
                      onChange={(v) =>
                        change((r) => {
                          const row = r.targets[t];
                          if (row) row.period = v;
                        })
                      }
                    />
                    <NumberField
                      compact
                      id={fieldId(path(`targets/${t}/value`))}
                      label={M.kpiTargetCell(n, t + 1, K.value)}
                      name={K.target}
                      required
                      unit={kpi.unit}
                      value={target.value}
                      readOnly={readOnly}
                      error={at(`targets/${t}/value`)}
                      onChange={(v) =>
                        change((r) => {
                          const row = r.targets[t];
                          if (row) row.value = v;
                        })
                      }
                    />
                    {readOnly ? <span /> : (
                      <Button
                        variant="text"
                        size="sm"
                        onClick={() => {
                          change((r) => void r.targets.splice(t, 1));
                          focusAfterRender(path('targets'));
                        }}
                      >
                        {M.remove}<span className="sr-only">{M.kpiTargetRemoveWhich(n, t + 1)}</span>
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
              {readOnly ? null : (
                <Button
                  variant="text"
                  size="sm"
                  className="mt-2"
                  onClick={() => {
                    change((r) => void r.targets.push({ period: '', value: '' }));
                    focusAfterRender(path(`targets/${kpi.targets.length}/period`));
                  }}
                >
                  {M.kpiTargetAdd(n)}
                </Button>
              )}
            </div>
            <fieldset className="mt-4 rounded-8 border border-solid-gray-420 p-4" id={fieldId(path('withdrawal'))} tabIndex={-1}>
              <legend className="text-std-17B-170">
                {M.kpiCell(n, K.withdrawal)}
                <RequirementBadge required />
              </legend>
              <div className="grid gap-4 md:grid-cols-2">
                <NumberField
                  id={fieldId(path('withdrawal/threshold'))}
                  label={K.threshold}
                  required
                  unit={kpi.unit}
                  value={kpi.threshold}
                  readOnly={readOnly}
                  error={at('withdrawal/threshold')}
                  onChange={(v) => change((r) => void (r.threshold = v))}
                />
                <SelectField
                  id={fieldId(path('withdrawal/comparator'))}
                  label={K.comparator}
                  required
                  value={kpi.comparator}
                  disabled={readOnly}
                  onChange={(e) => change((r) => void (r.comparator = e.target.value as Comparator | ''))}
                  options={[{ value: '', label: M.choose }, ...Object.entries(COMPARATOR_LABELS).map(([value, label]) => ({ value, label }))]}
                />
              </div>
              <GroupError message={at('withdrawal')} />
              <TextArea id={fieldId(path('withdrawal/text'))} className="mt-4" label={K.withdrawalText} required value={kpi.withdrawalText} readOnly={readOnly} error={at('withdrawal/text')} onChange={(e) => change((r) => void (r.withdrawalText = e.target.value))} />
            </fieldset>
            <fieldset className="mt-4">
              <legend className="text-std-17B-170">{M.kpiCell(n, K.fiveW1h)}</legend>
              <div className="grid gap-4 md:grid-cols-2">
                {(Object.entries(FIVE_W1H_LABELS) as [FiveW1HKey, string][]).map(([name, label]) => (
                  <TextField
                    key={name}
                    id={fieldId(path(`five_w1h/${name}`))}
                    label={label}
                    required
                    value={kpi.five_w1h[name]}
                    readOnly={readOnly}
                    error={at(`five_w1h/${name}`)}
                    onChange={(e) => change((r) => void (r.five_w1h[name] = e.target.value))}
                  />
                ))}
              </div>
            </fieldset>
            {readOnly ? null : (
              <Button
                variant="text"
                size="sm"
                className="mt-4"
                onClick={() => {
                  edit((d) => void d.kpis.splice(i, 1));
                  focusAfterRender('kpis');
                }}
              >
                {M.kpiRemove(n)}
              </Button>
            )}
          </fieldset>
        );
      })}
      {readOnly ? null : (
        <div>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              edit((d) => void d.kpis.push(newKpi(d.kpis)));
              focusAfterRender(`kpis/${draft.kpis.length}/name`);
            }}
          >
            {M.kpiAdd}
          </Button>
        </div>
      )}
    </EditorSection>
  );
}

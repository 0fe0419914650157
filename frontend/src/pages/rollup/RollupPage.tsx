import { useState, type ReactNode } from 'react';
import { getKgiRollup, getPlanStateCounts, type KgiRollup, type PlanStateCounts } from '../../api/rollup';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { SECTIONS } from '../../app/access';
import { PLAN_STATE_LABELS, PLAN_TYPE_LABELS, type PlanType } from '../../lib/plans';
import { useLoad } from '../../lib/useLoad';
import { BarChart } from './BarChart';
import { ROLLUP_MESSAGES as M } from './messages';
import { PrefectureTiles } from './PrefectureTiles';
import { METRICS, VALUE_ADDED, byPrefecture, byType, formatMetric, metricValue, publishedCounts, type Metric, type Totals } from './rollup';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-12">
      <h2 id={id} className="text-std-24B-150 text-solid-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

const TH = 'border border-solid-gray-420 bg-solid-gray-50 p-2 text-left text-std-16B-170';
const TD = 'border border-solid-gray-420 p-2 text-std-16N-170';
const NUM = `${TD} text-right tabular-nums`;

function MetricTable({ caption, rows, head, testId }: { caption: string; head: string; rows: { label: ReactNode; key: string; totals: Totals }[]; testId: string }) {
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full border-collapse" data-testid={testId}>
        <caption className="mb-2 text-left text-std-17B-170">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>{head}</th>
            <th scope="col" className={TH}>{M.planCount}</th>
            {METRICS.map((m) => (
              <th key={m.key} scope="col" className={TH}>{m.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className={`${TD} text-left`}>{row.label}</th>
              <td className={NUM}>{M.count(row.totals.plans)}</td>
              {METRICS.map((m) => (
                <td key={m.key} className={NUM}>{formatMetric(metricValue(row.totals, m), m)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NationalTotals({ kgis }: { kgis: KgiRollup }) {
  const { national, national_excluding_tokyo_area: outside } = kgis.published;
  return (
    <Section id="rollup-national" title={M.national}>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full max-w-3xl border-collapse" data-testid="national-totals">
          <caption className="mb-2 text-left text-std-17B-170">{M.nationalCaption}</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>{M.kgi}</th>
              <th scope="col" className={TH}>{M.includingTokyo}</th>
              <th scope="col" className={TH}>{M.excludingTokyo}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row" className={`${TD} text-left`}>{M.planCount}</th>
              <td className={NUM}>{M.count(national.plans)}</td>
              <td className={NUM}>{M.count(outside.plans)}</td>
            </tr>
            {METRICS.map((m) => (
              <tr key={m.key}>
                <th scope="row" className={`${TD} text-left`}>{m.label}</th>
                <td className={NUM}>{formatMetric(metricValue(national, m), m)}</td>
                <td className={NUM}>{formatMetric(metricValue(outside, m), m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {national.unconverted_kgis > 0 ? <p className="mt-2 text-std-16N-170">{M.unconverted(national.unconverted_kgis)}</p> : null}
    </Section>
  );
}

function Breakdown({ kgis }: { kgis: KgiRollup }) {
  const [excludeTokyo, setExcludeTokyo] = useState(false);
  const [metricKey, setMetricKey] = useState<Metric['key']>('value_added');
  const metric = METRICS.find((m) => m.key === metricKey) ?? VALUE_ADDED;
  const scope = excludeTokyo ? M.scopeOutside : M.scopeAll;
  const rows = kgis.published.by_prefecture_and_type;
  const prefectures = byPrefecture(rows, excludeTokyo);
  const types = byType(rows, excludeTokyo);
  const typeLabel = (type: string) => (type in PLAN_TYPE_LABELS ? PLAN_TYPE_LABELS[type as PlanType] : type);
  return (
    <Section id="rollup-breakdown" title={M.breakdown(M.byPrefecture, M.byType)}>
      <fieldset className="mt-4 flex flex-wrap gap-x-10 gap-y-4">
        <legend className="sr-only">{M.options}</legend>
        <fieldset>
          <legend className="text-std-17B-170 text-solid-gray-800">{M.scope}</legend>
          {[
            { value: false, label: M.scopeAll },
            { value: true, label: M.scopeOutside },
          ].map((option) => (
            <label key={String(option.value)} className="mt-2 flex items-center gap-2 text-std-16N-170">
              <input type="radio" name="rollup-scope" className="h-5 w-5" checked={excludeTokyo === option.value} onChange={() => setExcludeTokyo(option.value)} />
              {option.label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="text-std-17B-170 text-solid-gray-800">{M.metric}</legend>
          {METRICS.map((m) => (
            <label key={m.key} className="mt-2 flex items-center gap-2 text-std-16N-170">
              <input type="radio" name="rollup-metric" className="h-5 w-5" checked={metricKey === m.key} onChange={() => setMetricKey(m.key)} />
              {m.label}
            </label>
          ))}
        </fieldset>
      </fieldset>
      {prefectures.length === 0 ? (
        <p className="mt-6 text-std-16N-170">{M.none}</p>
      ) : (
        <>
          <h3 className="mt-8 text-std-20B-150">{M.byPrefecture}</h3>
          <BarChart
            title={M.chartTitle(metric.label, M.byPrefecture, scope)}
            bars={prefectures.map((p) => ({ label: p.name, value: metricValue(p.totals, metric), text: formatMetric(metricValue(p.totals, metric), metric) }))}
          />
          <p className="mt-2 text-std-16N-170 text-solid-gray-700">{M.chartNote}</p>
          <MetricTable
            testId="prefecture-table"
            caption={M.prefectureCaption(scope)}
            head={M.prefecture}
            rows={prefectures.map((p) => ({ key: p.code, label: p.tokyoArea ? M.inTokyoArea(p.name) : p.name, totals: p.totals }))}
          />
          <h3 className="mt-8 text-std-20B-150">{M.byType}</h3>
          <BarChart
            title={M.chartTitle(metric.label, M.byType, scope)}
            bars={types.map((t) => ({ label: M.typeBar(t.type), value: metricValue(t.totals, metric), text: formatMetric(metricValue(t.totals, metric), metric) }))}
          />
          <MetricTable testId="type-table" caption={M.typeCaption(scope)} head={M.type} rows={types.map((t) => ({ key: t.type, label: typeLabel(t.type), totals: t.totals }))} />
        </>
      )}
    </Section>
  );
}

function StateCounts({ states }: { states: PlanStateCounts }) {
  return (
    <Section id="rollup-states" title={M.states}>
      <p className="mt-2 text-std-16N-170 text-solid-gray-700">{M.statesLead}</p>
      <table className="mt-4 w-full max-w-xl border-collapse" data-testid="state-counts">
        <caption className="sr-only">{M.statesCaption}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>{M.state}</th>
            <th scope="col" className={TH}>{M.planCount}</th>
          </tr>
        </thead>
        <tbody>
          {states.by_state.map((row) => (
            <tr key={row.state}>
              <th scope="row" className={`${TD} text-left`}>{PLAN_STATE_LABELS[row.state]}</th>
              <td className={NUM}>{M.count(row.plans)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className={`${TD} text-left`}>{M.statesTotal}</th>
            <td className={NUM}>{M.count(states.total)}</td>
          </tr>
        </tfoot>
      </table>
    </Section>
  );
}

/** 全国集計: the seed 001 全体KGI over published plans, the plans per state, and a tile map. */
export function RollupPage() {
  const [loaded] = useLoad('rollup', (signal) =>
    Promise.all([getKgiRollup(signal), getPlanStateCounts(signal)]).then(([kgis, states]) => ({ kgis, states })),
  );
 return (
    <Page title={SECTIONS.rollup.label} lead={<p>{M.lead}</p>}>
      {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
      {loaded.status === 'failed' ? (
        <ApiErrorNotice title={M.failed} error={loaded.error} />
      ) : null}
      {loaded.status === 'ready' ? (
        <>
          <NationalTotals kgis={loaded.data.kgis} />
          <Section id="rollup-map" title={M.map}>
            <p className="mt-2 text-std-16N-170 text-solid-gray-700">{M.mapLead}</p>
            <PrefectureTiles counts={publishedCounts(loaded.data.kgis.published.by_prefecture_and_type)} />
          </Section>
          <Breakdown kgis={loaded.data.kgis} />
          <StateCounts states={loaded.data.states} />
        </>
      ) : null}
    </Page>
  );
}

import type { ReactNode } from 'react';
import type { PlanOut } from '../../api/plans';
import { Button } from '../../components/Button';
import { RequirementBadge } from '../../components/RequirementBadge';
import { SelectField } from '../../components/SelectField';
import { TextArea } from '../../components/TextArea';
import { TextField } from '../../components/TextField';
import { corporateNumberProblem, isValidLocalGovCode, normaliseDigits } from '../../lib/identifiers';
import {
  COMMITMENT,
  COMPARATOR_LABELS,
  FIVE_W1H_LABELS,
  KGI_KIND_LABELS,
  SECTIONS,
  STRATEGIC_FIELDS,
  fieldId,
  type Comparator,
  type FiveW1HKey,
  type KgiKind,
} from '../../lib/plans';
import { newKgi, newKpi, sectionType, type PlanDraft } from '../../lib/planDraft';
import { ValueAddedCalculator } from './ValueAddedCalculator';

export type Edit = (change: (draft: PlanDraft) => void) => void;

interface EditorProps {
  plan: PlanOut;
  draft: PlanDraft;
  edit: Edit;
  readOnly: boolean;
  /** Errors the server gave for the last save, by field id. */
  errors: Record<string, string>;
}

export function EditorSection({ id, title, children, lead }: { id: string; title: string; children: ReactNode; lead?: string }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-10 rounded-8 border border-solid-gray-420 p-4 md:p-6">
      <h2 id={`${id}-heading`} className="text-std-24B-150 text-solid-gray-900">
        {title}
      </h2>
      {lead ? <p className="mt-2 text-std-16N-170 text-solid-gray-700">{lead}</p> : null}
      <div className="mt-4 flex flex-col gap-6">{children}</div>
    </section>
  );
}

/**
 * Moves the focus to `path`'s field once React has drawn it: after "add" to the new row's first
 * field, after "delete" to the list's heading (the button pressed is gone).
 */
function focusAfterRender(path: string): void {
  requestAnimationFrame(() => document.getElementById(fieldId(path))?.focus());
}

/** A focus target for validation items about a whole table (`kgis`, `kpis`, `core_companies`). */
function Anchor({ path, children }: { path: string; children: ReactNode }) {
  return (
    <p id={fieldId(path)} tabIndex={-1} className="text-std-17B-170 text-solid-gray-800">
      {children}
    </p>
  );
}

const cell = 'h-12 w-full min-w-24 rounded-8 border border-solid-gray-600 bg-white px-2 text-std-16N-170 read-only:bg-solid-gray-50 aria-[invalid=true]:border-error-1';

function CellInput({
  path,
  label,
  value,
  onChange,
  readOnly,
  error,
  inputMode,
}: {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  error?: string | undefined;
  inputMode?: 'numeric' | 'decimal';
}) {
  const id = fieldId(path);
  return (
    <>
      <input
        id={id}
        aria-label={label}
        value={value}
        readOnly={readOnly}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
        className={cell}
      />
      {error ? (
        <span id={`${id}-error`} className="text-dns-14N-130 text-error-1">
          ＊{error}
        </span>
      ) : null}
    </>
  );
}

function BasicInfo({ draft, edit, readOnly, errors, plan }: EditorProps) {
  return (
    <EditorSection id="editor-basic" title="基本情報">
      <TextField id={fieldId('title')} label="計画の名称" required value={draft.title} readOnly={readOnly} error={errors[fieldId('title')]} onChange={(e) => edit((d) => void (d.title = e.target.value))} />
      <div className="grid gap-6 md:grid-cols-2">
        <TextField
          id={fieldId('period_start_fy')}
          label="計画期間の開始年度（西暦）"
          required
          inputMode="numeric"
          supportText="計画期間は開始年度から5年間です。"
          value={draft.period_start_fy}
          readOnly={readOnly}
          error={errors[fieldId('period_start_fy')]}
          onChange={(e) => edit((d) => void (d.period_start_fy = e.target.value))}
        />
        <TextField
          id={fieldId('goal_fiscal_year')}
          label="目標年度（西暦）"
          required
          inputMode="numeric"
          supportText="開始年度から10年以内。"
          value={draft.goal_fiscal_year}
          readOnly={readOnly}
          error={errors[fieldId('goal_fiscal_year')]}
          onChange={(e) => edit((d) => void (d.goal_fiscal_year = e.target.value))}
        />
      </div>
      <TextField
        id={fieldId('jsic_codes')}
        label="業種（日本標準産業分類）"
        required={plan.plan_type === 'B'}
        supportText="大分類の英字と分類番号を空白区切りで入力します（例：E28 E29）。"
        value={draft.jsic_codes}
        readOnly={readOnly}
        error={errors[fieldId('jsic_codes')]}
        onChange={(e) => edit((d) => void (d.jsic_codes = e.target.value))}
      />
      <fieldset id={fieldId('strategic_fields')} tabIndex={-1}>
        <legend className="text-std-17B-170 text-solid-gray-800">
          17の戦略分野
          <RequirementBadge required={false} />
        </legend>
        <div className="mt-2 grid gap-2 md:grid-cols-3">
          {Object.entries(STRATEGIC_FIELDS).map(([code, label]) => (
            <label key={code} className="flex items-center gap-2 text-std-16N-170">
              <input
                type="checkbox"
                className="size-5"
                checked={draft.strategic_fields.includes(code)}
                disabled={readOnly}
                onChange={(e) =>
                  edit((d) => {
                    d.strategic_fields = e.target.checked ? [...d.strategic_fields, code] : d.strategic_fields.filter((f) => f !== code);
                  })
                }
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
    </EditorSection>
  );
}

function Sections({ plan, draft, edit, readOnly, errors }: EditorProps) {
  return (
    <>
      {SECTIONS[sectionType(plan.plan_type)].map((heading) => (
        <EditorSection key={heading.key} id={`editor-section-${heading.key}`} title={heading.title} {...(heading.elsewhere ? { lead: heading.elsewhere } : {})}>
          {heading.fields.map((field) => {
            const path = `sections/${heading.key}/${field.name}`;
            return (
              <TextArea
                key={field.name}
                id={fieldId(path)}
                label={field.label}
                required={field.required}
                readOnly={readOnly}
                value={draft.sections[heading.key]?.[field.name] ?? ''}
                error={errors[fieldId(path)]}
                onChange={(e) =>
                  edit((d) => {
                    d.sections[heading.key] = { ...d.sections[heading.key], [field.name]: e.target.value };
                  })
                }
              />
            );
          })}
        </EditorSection>
      ))}
    </>
  );
}

function Commitment({ plan, draft, edit, readOnly, errors }: EditorProps) {
  const spec = COMMITMENT[sectionType(plan.plan_type)];
  return (
    <EditorSection id="editor-commitment" title={spec.title}>
      {spec.fields.map((field) => {
        const path = `commitment/${field.name}`;
        const props = {
          id: fieldId(path),
          label: field.label,
          required: field.required,
          readOnly,
          value: draft.commitment[field.name] ?? '',
          error: errors[fieldId(path)],
        };
        const set = (value: string) => edit((d) => void (d.commitment[field.name] = value));
        return field.list ? (
          <TextArea key={field.name} {...props} onChange={(e) => set(e.target.value)} />
        ) : (
          <TextField key={field.name} {...props} onChange={(e) => set(e.target.value)} />
        );
      })}
    </EditorSection>
  );
}

function Kgis({ plan, draft, edit, readOnly, errors }: EditorProps) {
  const kinds = (Object.keys(KGI_KIND_LABELS) as KgiKind[]).filter(
    (k) => plan.plan_type === 'B' || !['capex_target_year', 'capex_cumulative', 'human_resources'].includes(k),
  );
  return (
    <EditorSection id="editor-kgis" title="KGI（目標）" lead="必須KGIは最初から行があります。金額の単位は百万円を基本とします。独自のKGIも追加できます。">
      <Anchor path="kgis">KGIの一覧（{draft.kgis.length}件）</Anchor>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-std-16N-170">
          <caption className="sr-only">KGIの一覧</caption>
          <thead>
            <tr className="border-b-2 border-solid-gray-600">
              <th scope="col" className="p-1">種類</th>
              <th scope="col" className="p-1">名称</th>
              <th scope="col" className="p-1">単位</th>
              <th scope="col" className="p-1">基準値</th>
              <th scope="col" className="p-1">基準年度</th>
              <th scope="col" className="p-1">目標値</th>
              <th scope="col" className="p-1">目標年度</th>
              <th scope="col" className="p-1">設定の根拠</th>
              {readOnly ? null : <th scope="col" className="p-1"><span className="sr-only">操作</span></th>}
            </tr>
          </thead>
          <tbody>
            {draft.kgis.map((kgi, i) => {
              const n = i + 1;
              const set = (name: 'name' | 'unit' | 'baseline' | 'baseline_year' | 'target' | 'target_year' | 'basis') => (value: string) =>
                edit((d) => {
                  const row = d.kgis[i];
                  if (row) row[name] = value;
                });
              const at = (name: string) => errors[fieldId(`kgis/${i}/${name}`)];
              return (
                <tr key={kgi.key} className="border-b border-solid-gray-420 align-top" data-testid={`kgi-row-${i}`}>
                  <td className="p-1">
                    <select
                      id={fieldId(`kgis/${i}/kind`)}
                      aria-label={`KGI ${n} 種類`}
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
                  <td className="p-1"><CellInput path={`kgis/${i}/name`} label={`KGI ${n} 名称`} value={kgi.name} onChange={set('name')} readOnly={readOnly} error={at('name')} /></td>
                  <td className="p-1"><CellInput path={`kgis/${i}/unit`} label={`KGI ${n} 単位`} value={kgi.unit} onChange={set('unit')} readOnly={readOnly} error={at('unit')} /></td>
                  <td className="p-1"><CellInput path={`kgis/${i}/baseline`} label={`KGI ${n} 基準値`} value={kgi.baseline} onChange={set('baseline')} readOnly={readOnly} inputMode="decimal" error={at('baseline')} /></td>
                  <td className="p-1"><CellInput path={`kgis/${i}/baseline_year`} label={`KGI ${n} 基準年度`} value={kgi.baseline_year} onChange={set('baseline_year')} readOnly={readOnly} inputMode="numeric" error={at('baseline_year')} /></td>
                  <td className="p-1"><CellInput path={`kgis/${i}/target`} label={`KGI ${n} 目標値`} value={kgi.target} onChange={set('target')} readOnly={readOnly} inputMode="decimal" error={at('target')} /></td>
                  <td className="p-1"><CellInput path={`kgis/${i}/target_year`} label={`KGI ${n} 目標年度`} value={kgi.target_year} onChange={set('target_year')} readOnly={readOnly} inputMode="numeric" error={at('target_year')} /></td>
                  <td className="p-1"><CellInput path={`kgis/${i}/basis`} label={`KGI ${n} 設定の根拠`} value={kgi.basis} onChange={set('basis')} readOnly={readOnly} error={at('basis')} /></td>
                  {readOnly ? null : (
                    <td className="p-1">
                      <Button
                        variant="text"
                        size="sm"
                        onClick={() => {
                          edit((d) => void d.kgis.splice(i, 1));
                          focusAfterRender('kgis');
                        }}
                      >
                        KGI {n} を削除
                      </Button>
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
            独自のKGIを追加
          </Button>
        </div>
      )}
      {readOnly || plan.plan_type !== 'C' ? null : <ValueAddedCalculator draft={draft} edit={edit} />}
    </EditorSection>
  );
}

function Kpis({ draft, edit, readOnly, errors }: EditorProps) {
  return (
    <EditorSection id="editor-kpis" title="KPI（政策手段の指標）" lead="KPIごとに半期ごとの目標値、撤退基準（KPIが基準に達したら施策を見直す条件）、5W1Hと対応するKGIを入力します。">
      <Anchor path="kpis">KPIの一覧（{draft.kpis.length}件）</Anchor>
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
          <fieldset key={kpi.key} className="rounded-8 border border-solid-gray-420 p-4" data-testid={`kpi-${i}`}>
            <legend className="px-1 text-std-17B-170">KPI {n}</legend>
            <div className="grid gap-4 md:grid-cols-3">
              <TextField id={fieldId(path('name'))} label={`KPI ${n} 名称`} required value={kpi.name} readOnly={readOnly} error={at('name')} onChange={(e) => change((r) => void (r.name = e.target.value))} />
              <TextField id={fieldId(path('unit'))} label={`KPI ${n} 単位`} required value={kpi.unit} readOnly={readOnly} error={at('unit')} onChange={(e) => change((r) => void (r.unit = e.target.value))} />
              <TextField id={fieldId(path('baseline'))} label={`KPI ${n} 基準値`} required={false} inputMode="decimal" value={kpi.baseline} readOnly={readOnly} onChange={(e) => change((r) => void (r.baseline = e.target.value))} />
            </div>
            <SelectField
              id={fieldId(path('kgi_key'))}
              label={`KPI ${n} 対応するKGI`}
              required
              className="mt-4"
              value={kpi.kgi_key}
              disabled={readOnly}
              onChange={(e) => change((r) => void (r.kgi_key = e.target.value))}
              options={[{ value: '', label: '選んでください' }, ...draft.kgis.map((k) => ({ value: k.key, label: k.name || KGI_KIND_LABELS[k.kind] }))]}
            />
            {at('kgi_key') ? <p className="text-dns-16N-130 text-error-1">＊{at('kgi_key')}</p> : null}
            <div className="mt-4">
              <p className="text-std-17B-170">
                KPI {n} 半期ごとの目標値
                <RequirementBadge required />
              </p>
              <p className="text-dns-16N-130 text-solid-gray-700">半期は「2026H2」（2026年度下期）のように入力します。</p>
              {at('targets') ? <p className="text-dns-16N-130 text-error-1">＊{at('targets')}</p> : null}
              <ul className="mt-2 flex flex-col gap-2">
                {kpi.targets.map((target, t) => (
                  <li key={t} className="flex flex-wrap items-start gap-2">
                    <div className="w-40">
                      <CellInput path={t === 0 ? path('targets') : path(`targets/${t}/period`)} label={`KPI ${n} 目標 ${t + 1} 半期`} value={target.period} readOnly={readOnly} onChange={(v) =>
                        change((r) => {
                          const row = r.targets[t];
                          if (row) row.period = v;
                        })
                      } />
                    </div>
                    <div className="w-40">
                      <CellInput path={path(`targets/${t}/value`)} label={`KPI ${n} 目標 ${t + 1} 値`} value={target.value} inputMode="decimal" readOnly={readOnly} onChange={(v) =>
                        change((r) => {
                          const row = r.targets[t];
                          if (row) row.value = v;
                        })
                      } />
                    </div>
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
                    focusAfterRender(kpi.targets.length === 0 ? path('targets') : path(`targets/${kpi.targets.length}/period`));
                  }}
                >
                  KPI {n} に半期の目標を追加
                </Button>
              )}
            </div>
            <fieldset className="mt-4 rounded-8 border border-solid-gray-420 p-4">
              <legend className="text-std-17B-170">
                KPI {n} 撤退基準
                <RequirementBadge required />
              </legend>
              <div className="grid gap-4 md:grid-cols-2">
                <TextField id={fieldId(path('withdrawal/threshold'))} label="閾値" required inputMode="decimal" value={kpi.threshold} readOnly={readOnly} onChange={(e) => change((r) => void (r.threshold = e.target.value))} />
                <SelectField
                  id={fieldId(path('withdrawal'))}
                  label="実績が閾値の…とき撤退"
                  required
                  value={kpi.comparator}
                  disabled={readOnly}
                  onChange={(e) => change((r) => void (r.comparator = e.target.value as Comparator | ''))}
                  options={[{ value: '', label: '選んでください' }, ...Object.entries(COMPARATOR_LABELS).map(([value, label]) => ({ value, label }))]}
                />
              </div>
              {at('withdrawal') ? <p className="text-dns-16N-130 text-error-1">＊{at('withdrawal')}</p> : null}
              <TextArea id={fieldId(path('withdrawal/text'))} className="mt-4" label="撤退基準の内容" required value={kpi.withdrawalText} readOnly={readOnly} error={at('withdrawal/text')} onChange={(e) => change((r) => void (r.withdrawalText = e.target.value))} />
            </fieldset>
            <fieldset className="mt-4">
              <legend className="text-std-17B-170">KPI {n} 施策の5W1H</legend>
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
                KPI {n} を削除
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
            KPIを追加
          </Button>
        </div>
      )}
    </EditorSection>
  );
}

function Companies({ plan, draft, edit, readOnly, errors }: EditorProps) {
  const noun = plan.plan_type === 'B' ? '核となる企業' : '核となる事業者';
  return (
    <EditorSection
      id="editor-companies"
      title={plan.plan_type === 'B' ? '計画推進の核となる企業' : '推進の核となる事業者'}
      lead="法人番号は入力中に桁数とチェックディジットを確認します。"
    >
      <Anchor path="core_companies">{noun}（{draft.core_companies.length}件）</Anchor>
      {draft.core_companies.map((company, i) => {
        const n = i + 1;
        const path = (name: string) => `core_companies/${i}/${name}`;
        const typed = normaliseDigits(company.corporate_number);
        const live = typed === '' ? undefined : (corporateNumberProblem(typed) ?? undefined);
        const change = (fn: (row: PlanDraft['core_companies'][number]) => void) =>
          edit((d) => {
            const row = d.core_companies[i];
            if (row) fn(row);
          });
        return (
          <fieldset key={i} className="rounded-8 border border-solid-gray-420 p-4" data-testid={`company-${i}`}>
            <legend className="px-1 text-std-17B-170">
              {noun} {n}
            </legend>
            <div className="grid gap-4 md:grid-cols-2">
              <TextField
                id={fieldId(path('corporate_number'))}
                label="法人番号（13桁）"
                required={plan.plan_type === 'B'}
                inputMode="numeric"
                value={company.corporate_number}
                readOnly={readOnly}
                error={live ?? errors[fieldId(path('corporate_number'))]}
                onChange={(e) => change((r) => void (r.corporate_number = e.target.value))}
              />
              <TextField id={fieldId(path('name'))} label="名称" required value={company.name} readOnly={readOnly} error={errors[fieldId(path('name'))]} onChange={(e) => change((r) => void (r.name = e.target.value))} />
              <TextArea id={fieldId(path('role'))} label="サプライチェーン・バリューチェーン内での役割" required value={company.role} readOnly={readOnly} error={errors[fieldId(path('role'))]} onChange={(e) => change((r) => void (r.role = e.target.value))} />
              <TextField id={fieldId(path('scale'))} label="事業規模（従業員数・売上高など）" required={plan.plan_type === 'B'} value={company.scale} readOnly={readOnly} error={errors[fieldId(path('scale'))]} onChange={(e) => change((r) => void (r.scale = e.target.value))} />
            </div>
            {typed !== '' && !live ? (
              <p className="mt-2 text-dns-16N-130 text-success-2" data-testid={`company-${i}-valid`}>
                法人番号の形式は正しいです。
              </p>
            ) : null}
            {readOnly ? null : (
              <Button
                variant="text"
                size="sm"
                className="mt-2"
                onClick={() => {
                  edit((d) => void d.core_companies.splice(i, 1));
                  focusAfterRender('core_companies');
                }}
              >
                {noun} {n} を削除
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
              edit((d) => void d.core_companies.push({ corporate_number: '', name: '', role: '', scale: '', support_target: true }));
              focusAfterRender(`core_companies/${draft.core_companies.length}/corporate_number`);
            }}
          >
            {noun}を追加
          </Button>
        </div>
      )}
    </EditorSection>
  );
}

function CoAuthors({ draft, edit, readOnly, errors }: EditorProps) {
  const codes = normaliseDigits(draft.co_authors.replace(/[\s,、]+/g, ' ')).length
    ? draft.co_authors.split(/[\s,、]+/).filter(Boolean).map(normaliseDigits)
    : [];
  const invalid = codes.filter((code) => !isValidLocalGovCode(code));
  const live = invalid.length ? `団体コードが正しくありません：${invalid.join('、')}` : undefined;
  return (
    <EditorSection id="editor-co-authors" title="共同作成団体" lead="共同で作成する自治体の全国地方公共団体コード（6桁）を空白区切りで入力します。">
      <TextField
        id={fieldId('co_authors')}
        label="共同作成団体の団体コード"
        required={false}
        value={draft.co_authors}
        readOnly={readOnly}
        error={live ?? errors[fieldId('co_authors')]}
        onChange={(e) => edit((d) => void (d.co_authors = e.target.value))}
      />
    </EditorSection>
  );
}

function Requirements({ plan, draft, edit, readOnly, errors }: EditorProps) {
  return (
    <EditorSection id="editor-requirements" title="要件の充足状況" lead="要件ごとに、計画がどのように満たしているかを記載します。システムが確認できる要件は、その結果も表示します。">
      {plan.requirements.map((requirement) => {
        const path = `requirements/${requirement.number}/statement`;
        return (
          <div key={requirement.number} className="rounded-8 border border-solid-gray-420 p-4">
            <TextArea
              id={fieldId(path)}
              label={`要件${requirement.number}【${requirement.label}】`}
              supportText={requirement.text}
              required
              readOnly={readOnly}
              value={draft.statements[String(requirement.number)] ?? ''}
              error={errors[fieldId(path)]}
              onChange={(e) => edit((d) => void (d.statements[String(requirement.number)] = e.target.value))}
            />
            {requirement.machine_judgement !== null ? (
              <p className="mt-2 text-dns-16N-130">
                システムの確認：{requirement.machine_judgement ? '満たしています' : `未充足（${requirement.machine_notes.join('／')}）`}
              </p>
            ) : null}
            {requirement.verdict || requirement.comment ? (
              <p className="mt-2 text-dns-16N-130 text-solid-gray-800" data-testid={`requirement-${requirement.number}-review`}>
                審査担当の判断：{VERDICT_LABELS[requirement.verdict ?? ''] ?? '—'}
                {requirement.comment ? `／${requirement.comment}` : ''}
              </p>
            ) : null}
          </div>
        );
      })}
    </EditorSection>
  );
}

export const VERDICT_LABELS: Record<string, string> = {
  satisfied: '充足',
  not_satisfied: '不充足',
  needs_revision: '要修正',
};

/** Every section of a B or C plan as one form. */
export function PlanEditor(props: EditorProps) {
  return (
    <>
      <BasicInfo {...props} />
      <Sections {...props} />
      <Commitment {...props} />
      <Kgis {...props} />
      <Kpis {...props} />
      <Companies {...props} />
      <CoAuthors {...props} />
      <Requirements {...props} />
    </>
  );
}

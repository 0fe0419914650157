import { Button } from '../../../components/Button';
import { CompanyPicker } from '../../../components/CompanyPicker';
import { TextArea } from '../../../components/TextArea';
import { TextField } from '../../../components/TextField';
import { corporateNumberProblem, normaliseDigits } from '../../../lib/identifiers';
import { fieldId } from '../../../lib/plans';
import type { PlanDraft } from '../../../lib/planDraft';
import { Anchor, EditorSection, focusAfterRender, type EditorProps } from './common';
import { EDITOR_MESSAGES as M } from './messages';

export function Companies({ plan, draft, edit, readOnly, errors, sectionActions }: EditorProps) {
  const b = plan.plan_type === 'B';
  const noun = b ? M.companyNounB : M.companyNounC;
  return (
    <EditorSection
      id="editor-companies"
      title={b ? M.companiesTitleB : M.companiesTitleC}
      lead={M.companiesLead}
      actions={sectionActions?.('core_companies')}
    >
      <Anchor path="core_companies">
        {M.companiesCount(noun, draft.core_companies.length)}
      </Anchor>
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
          <fieldset key={i} className="min-w-0 rounded-8 border border-solid-gray-420 p-4" data-testid={`company-${i}`}>
            <legend className="px-1 text-std-17B-170">
              {M.companyLegend(`${noun} ${n}`, company.name)}
            </legend>
            <div className="grid gap-4 md:grid-cols-2">
              <TextField
                id={fieldId(path('corporate_number'))}
                label={M.companyFields.corporateNumber}
                required={b}
                inputMode="numeric"
                value={company.corporate_number}
                readOnly={readOnly}
                error={live ?? errors[fieldId(path('corporate_number'))]}
                onChange={(e) => change((r) => void (r.corporate_number = e.target.value))}
              />
              <TextField id={fieldId(path('name'))} label={M.companyFields.name} required value={company.name} readOnly={readOnly} error={errors[fieldId(path('name'))]} onChange={(e) => change((r) => void (r.name = e.target.value))} />
              <TextArea id={fieldId(path('role'))} label={M.companyFields.role} required value={company.role} readOnly={readOnly} error={errors[fieldId(path('role'))]} onChange={(e) => change((r) => void (r.role = e.target.value))} />
              <TextField id={fieldId(path('scale'))} label={M.companyFields.scale} required={b} value={company.scale} readOnly={readOnly} error={errors[fieldId(path('scale'))]} onChange={(e) => change((r) => void (r.scale = e.target.value))} />
            </div>
            {b ? (
              <div className="mt-4">
                <label className="flex items-center gap-2 text-std-16N-170">
                  <input
                    id={fieldId(path('support_target'))}
                    type="checkbox"
                    className="size-5"
                    checked={company.support_target}
                    disabled={readOnly}
                    aria-describedby={`${fieldId(path('support_target'))}-hint`}
                    onChange={(e) => change((r) => void (r.support_target = e.target.checked))}
                  />
                  {M.supportTarget}
                </label>
                <p id={`${fieldId(path('support_target'))}-hint`} className="mt-1 text-dns-16N-130 text-solid-gray-700">
                  {M.supportTargetHint}
                </p>
              </div>
            ) : null}
            {typed !== '' && !live ? (
              <p className="mt-2 text-dns-16N-130 text-success-2" data-testid={`company-${i}-valid`}>
                {M.companyNumberValid}
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
                {M.companyRemove(noun, n)}
              </Button>
            )}
          </fieldset>
        );
      })}
      {readOnly ? null : (
        <CompanyPicker
          id="company-search"
          taken={draft.core_companies.map((c) => normaliseDigits(c.corporate_number))}
          onPick={(company) => {
            edit(
              (d) =>
                void d.core_companies.push({
                  corporate_number: company.corporate_number,
                  name: company.name,
                  role: '',
                  scale: company.employees == null ? '' : M.companyEmployees(company.employees.toLocaleString('ja-JP')),
                  support_target: b,
                }),
            );
            focusAfterRender(`core_companies/${draft.core_companies.length}/role`);
          }}
        />
      )}
      {readOnly ? null : (
        <div>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              edit((d) => void d.core_companies.push({ corporate_number: '', name: '', role: '', scale: '', support_target: b }));
              focusAfterRender(`core_companies/${draft.core_companies.length}/corporate_number`);
            }}
          >
            {M.companyAdd(noun)}
          </Button>
        </div>
      )}
    </EditorSection>
  );
}

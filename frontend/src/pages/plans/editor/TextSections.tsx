import { RequirementBadge } from '../../../components/RequirementBadge';
import { FiscalYearField } from '../../../components/FiscalYearField';
import { JsicPicker } from '../../../components/JsicPicker';
import { TextArea } from '../../../components/TextArea';
import { TextField } from '../../../components/TextField';
import { isValidLocalGovCode, normaliseDigits } from '../../../lib/identifiers';
import { COMMITMENT, SECTIONS, STRATEGIC_FIELDS, fieldId } from '../../../lib/plans';
import { sectionType } from '../../../lib/planDraft';
import { VERDICT_LABELS } from '../messages';
import { EditorSection, type EditorProps } from './common';
import { EDITOR_MESSAGES as M } from './messages';

/** The 業種 errors: the field's own and those of a single code (`jsic_codes/1`), shown once under the picker. */
function jsicError(errors: Record<string, string>): string | undefined {
  const own = fieldId('jsic_codes');
  const messages = Object.entries(errors)
    .filter(([key]) => key === own || key.startsWith(`${own}-`))
    .map(([, message]) => message);
  return messages.length ? [...new Set(messages)].join(' ') : undefined;
}

export function BasicInfo({ draft, edit, readOnly, errors, plan, sectionActions }: EditorProps) {
  return (
    <EditorSection id="editor-basic" title={M.basicTitle} actions={sectionActions?.('basic')}>
      <TextField id={fieldId('title')} label={M.basicFields.title} required value={draft.title} readOnly={readOnly} error={errors[fieldId('title')]} onChange={(e) => edit((d) => void (d.title = e.target.value))} />
      <div className="grid gap-6 md:grid-cols-2">
        <FiscalYearField
          id={fieldId('period_start_fy')}
          label={M.basicFields.periodStart}
          required
          supportText={M.basicFields.periodStartHelp}
          value={draft.period_start_fy}
          readOnly={readOnly}
          error={errors[fieldId('period_start_fy')]}
          onChange={(v) => edit((d) => void (d.period_start_fy = v))}
        />
        <FiscalYearField
          id={fieldId('goal_fiscal_year')}
          label={M.basicFields.goalYear}
          required
          supportText={M.basicFields.goalYearHelp}
          value={draft.goal_fiscal_year}
          readOnly={readOnly}
          error={errors[fieldId('goal_fiscal_year')]}
          onChange={(v) => edit((d) => void (d.goal_fiscal_year = v))}
        />
      </div>
      <JsicPicker
        id={fieldId('jsic_codes')}
        label={M.basicFields.jsic}
        required={plan.plan_type === 'B'}
        value={draft.jsic_codes}
        readOnly={readOnly}
        error={jsicError(errors)}
        onChange={(v) => edit((d) => void (d.jsic_codes = v))}
      />
      <fieldset id={fieldId('strategic_fields')} tabIndex={-1}>
        <legend className="text-std-17B-170 text-solid-gray-800">
          {M.basicFields.strategicFields}
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

/** The description items 1–6; `only` draws a single heading (the tables sit between 3 and 5). */
export function Sections({ plan, draft, edit, readOnly, errors, sectionActions, only }: EditorProps & { only?: readonly string[] }) {
  return (
    <>
      {SECTIONS[sectionType(plan.plan_type)]
        .filter((heading) => !only || only.includes(heading.key))
        .map((heading) => (
          <EditorSection
            key={heading.key}
            id={`editor-section-${heading.key}`}
            title={heading.title}
            lead={heading.elsewhere}
            actions={sectionActions?.(`sections/${heading.key}`)}
          >
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

/** 伴走支援体制 (B) / 相談窓口 (C). */
export function Commitment({ plan, draft, edit, readOnly, errors, sectionActions }: EditorProps) {
  const spec = COMMITMENT[sectionType(plan.plan_type)];
  return (
    <EditorSection id="editor-commitment" title={spec.title} actions={sectionActions?.('commitment')}>
      {spec.fields.map((field) => {
        const path = `commitment/${field.name}`;
        // A list's error may name one line (commitment/departments/0): shown at the list.
        const error = errors[fieldId(path)] ?? Object.entries(errors).find(([id]) => id.startsWith(`${fieldId(path)}-`))?.[1];
        const props = {
          id: fieldId(path),
          label: field.label,
          required: field.required,
          ...(field.list ? { supportText: M.commitmentListHint } : {}),
          readOnly,
          value: draft.commitment[field.name] ?? '',
          error,
        };
        const set = (value: string) => edit((d) => void (d.commitment[field.name] = value));
        return field.list || field.multiline ? (
          <TextArea key={field.name} {...props} onChange={(e) => set(e.target.value)} />
        ) : (
          <TextField key={field.name} {...props} onChange={(e) => set(e.target.value)} />
        );
      })}
    </EditorSection>
  );
}

export function CoAuthors({ draft, edit, readOnly, errors, sectionActions }: EditorProps) {
  const codes = normaliseDigits(draft.co_authors.replace(/[\s,、]+/g, ' ')).length
    ? draft.co_authors.split(/[\s,、]+/).filter(Boolean).map(normaliseDigits)
    : [];
  const invalid = codes.filter((code) => !isValidLocalGovCode(code));
  const live = invalid.length ? M.coAuthorsInvalid(invalid.join('、')) : undefined;
  return (
    <EditorSection id="editor-co-authors" title={M.coAuthorsTitle} lead={M.coAuthorsLead} actions={sectionActions?.('co_authors')}>
      <TextField
        id={fieldId('co_authors')}
        label={M.coAuthorsField}
        required={false}
        value={draft.co_authors}
        readOnly={readOnly}
        error={live ?? errors[fieldId('co_authors')]}
        onChange={(e) => edit((d) => void (d.co_authors = e.target.value))}
      />
    </EditorSection>
  );
}

export function Requirements({ plan, draft, edit, readOnly, errors, sectionActions }: EditorProps) {
  return (
    <EditorSection
      id="editor-requirements"
      title={M.requirementsTitle}
      lead={M.requirementsLead}
      actions={sectionActions?.('requirements')}
    >
      {plan.requirements.map((requirement) => {
        const path = `requirements/${requirement.number}/statement`;
        return (
          <div key={requirement.number} className="rounded-8 border border-solid-gray-420 p-4">
            <TextArea
              id={fieldId(path)}
              label={M.requirementLabel(requirement.number, requirement.label)}
              supportText={requirement.text}
              required
              readOnly={readOnly}
              value={draft.statements[String(requirement.number)] ?? ''}
              error={errors[fieldId(path)]}
              onChange={(e) => edit((d) => void (d.statements[String(requirement.number)] = e.target.value))}
            />
            {requirement.machine_judgement !== null ? (
              <p className="mt-2 text-dns-16N-130">
                {M.machineJudgement(requirement.machine_judgement, requirement.machine_notes)}
              </p>
            ) : null}
            {requirement.verdict || requirement.comment ? (
              <p className="mt-2 text-dns-16N-130 text-solid-gray-800" data-testid={`requirement-${requirement.number}-review`}>
                {M.reviewerJudgement(VERDICT_LABELS[requirement.verdict ?? ''] ?? '—', requirement.comment)}
              </p>
            ) : null}
          </div>
        );
      })}
    </EditorSection>
  );
}

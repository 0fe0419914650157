import { FieldError } from '../../components/FieldFrame';
import { RequirementBadge } from '../../components/RequirementBadge';
import { STRATEGIC_FIELDS, fieldId } from '../../lib/plans';
import { PROPOSALS } from './messages';
import { PROPOSAL_FIELD_LABELS } from './proposals';

/** The 17 strategic fields as checkboxes in one group (the group takes the focus from a summary link). */
export function StrategicFieldsInput({ value, onChange, error }: { value: readonly string[]; onChange: (next: string[]) => void; error?: string | undefined }) {
  const id = fieldId('strategic_fields');
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset id={id} tabIndex={-1} aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}>
      <legend className="text-std-17B-170 text-solid-gray-800">
        {PROPOSAL_FIELD_LABELS.strategic_fields}
        <RequirementBadge required />
      </legend>
      <p id={hintId} className="mt-1 text-dns-16N-130 text-solid-gray-700">
        {PROPOSALS.form.fieldsHint}
      </p>
      <div className="mt-2 grid gap-2 md:grid-cols-3">
        {Object.entries(STRATEGIC_FIELDS).map(([code, label]) => (
          <label key={code} className="flex items-center gap-2 text-std-16N-170">
            <input
              type="checkbox"
              className="size-5"
              checked={value.includes(code)}
              onChange={(e) => onChange(e.target.checked ? [...value, code] : value.filter((f) => f !== code))}
            />
            {label}
          </label>
        ))}
      </div>
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}

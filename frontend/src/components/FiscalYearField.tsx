import { DRAFT_MESSAGES } from '../lib/fieldLabels';
import { fiscalYearBoth, parseFiscalYear } from '../lib/fiscalYears';
import { ParsedField, type ParsedFieldProps } from './ParsedField';

export interface FiscalYearFieldProps extends Omit<ParsedFieldProps, 'preview' | 'invalid'> {
  /** The field's own name in messages; the label by default. */
  name?: string;
}

/** A fiscal year typed as 2027, 令和9年度 or R9, shown back as 「令和9年度 / 2027年度」. */
export function FiscalYearField({ name, ...props }: FiscalYearFieldProps) {
  const parsed = parseFiscalYear(props.value);
  return (
    <ParsedField
      {...props}
      preview={parsed.kind === 'ok' ? fiscalYearBoth(parsed.year) : null}
      invalid={parsed.kind === 'invalid' ? DRAFT_MESSAGES.year(name ?? props.label) : null}
    />
  );
}

import { DRAFT_MESSAGES } from '../lib/fieldLabels';
import { formatAmount, parseAmount } from '../lib/money';
import { ParsedField, type ParsedFieldProps } from './ParsedField';

export interface NumberFieldProps extends Omit<ParsedFieldProps, 'preview' | 'invalid'> {
  /** The field's own name in messages (「目標値」は数値で…); the label by default. */
  name?: string;
  /** The unit the value is read in (百万円, 千円, 人, ％…); 12億 in 百万円 is 1,200. */
  unit: string;
}

/**
 * A number field that takes what people type (12億, 1.2億円, 4,800万, １２０, 1,200), shows back what
 * will be stored in its unit (= 1,200 百万円), and says at the field, once left, when the text is not
 * a number (約100, 令和7年度) instead of ever storing a blank for it.
 */
export function NumberField({ name, unit, ...props }: NumberFieldProps) {
  const parsed = parseAmount(props.value, unit);
  return (
    <ParsedField
      {...props}
      inputMode="text"
      preview={parsed.kind === 'ok' ? formatAmount(parsed.value, unit) : null}
      invalid={parsed.kind === 'invalid' ? DRAFT_MESSAGES.number(name ?? props.label) : null}
    />
  );
}

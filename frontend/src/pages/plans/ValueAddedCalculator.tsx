import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { calculateValueAdded } from '../../api/plans';
import { ApiError } from '../../api/problem';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { formatYen, parseYenInput, yenInUnit } from '../../lib/money';
import { fieldId, rateFromPercent } from '../../lib/plans';
import type { PlanDraft } from '../../lib/planDraft';
import { PLAN_MESSAGES as M } from './messages';

type Edit = (change: (draft: PlanDraft) => void) => void;

const SALES_ID = 'calculator-sales-increase';
const RATE_ID = 'calculator-value-added-rate';

/**
 * 付加価値増加額の簡易計算 (seed 000 C ④): 売上増加額 × 既存の付加価値率, computed by plans-api,
 * and the result put into the mandatory KGI's target with one key press.
 */
export function ValueAddedCalculator({ draft, edit }: { draft: PlanDraft; edit: Edit }) {
  const [sales, setSales] = useState('');
  const [rate, setRate] = useState('');
  const [errors, setErrors] = useState<{ sales?: string; rate?: string; form?: string }>({});
  const [result, setResult] = useState<{ yen: number; formula: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const resultBox = useRef<HTMLDivElement>(null);
  const kgiIndex = draft.kgis.findIndex((k) => k.kind === 'value_added');

  // A new answer takes the focus, so it is read out and its button is next.
  useEffect(() => {
    if (result) resultBox.current?.focus();
  }, [result]);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const salesYen = parseYenInput(sales, 'million');
    const fraction = rateFromPercent(rate);
    const found = {
      ...(salesYen === null ? { sales: M.calculatorSalesError } : {}),
      ...(fraction === null ? { rate: M.calculatorRateError } : {}),
    };
    setErrors(found);
    setResult(null);
    if (salesYen === null || fraction === null) {
      document.getElementById(salesYen === null ? SALES_ID : RATE_ID)?.focus();
      return;
    }
    setBusy(true);
    try {
      const answer = await calculateValueAdded(salesYen, fraction);
      setResult({ yen: Math.round(answer.value_added_increase), formula: answer.formula });
    } catch (error) {
      setErrors({ form: error instanceof ApiError ? (error.problem.detail ?? error.title) : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const useAsTarget = () => {
    if (!result || kgiIndex < 0) return;
    const millions = String(yenInUnit(result.yen, 'million'));
    edit((d) => {
      const row = d.kgis[kgiIndex];
      if (row) row.target = millions;
    });
    requestAnimationFrame(() => document.getElementById(fieldId(`kgis/${kgiIndex}/target`))?.focus());
  };

  return (
    <section aria-labelledby="calculator-heading" className="rounded-8 border border-dashed border-solid-gray-600 p-4" data-testid="value-added-calculator">
      <h3 id="calculator-heading" className="text-std-20B-150">
        {M.calculatorTitle}
      </h3>
      <p className="mt-1 text-std-16N-170">{M.calculatorLead}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="mt-4 flex flex-col gap-4">
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            id={SALES_ID}
            label={M.calculatorSales}
            required
            inputMode="numeric"
            supportText={M.calculatorSalesHint}
            value={sales}
            error={errors.sales}
            onChange={(e) => setSales(e.target.value)}
          />
          <TextField
            id={RATE_ID}
            label={M.calculatorRate}
            required
            inputMode="decimal"
            supportText={M.calculatorRateHint}
            value={rate}
            error={errors.rate}
            onChange={(e) => setRate(e.target.value)}
          />
        </div>
        <div>
          <Button type="submit" variant="secondary" size="sm" unavailable={busy}>
            {busy ? M.calculating : M.calculate}
          </Button>
        </div>
      </form>
      {errors.form ? (
        <p role="alert" className="mt-4 text-std-16N-170 text-error-1">
          {M.calculatorFailed}
          {errors.form}
        </p>
      ) : null}
      {result ? (
        <div ref={resultBox} tabIndex={-1} role="status" className="mt-4" data-testid="value-added-result">
          <p className="text-std-17B-170">
            {M.calculatorResult}
            {formatYen(result.yen, 'million')}
          </p>
          <p className="text-dns-16N-130 text-solid-gray-700">{M.calculatorFormula(result.formula)}</p>
          {kgiIndex >= 0 ? (
            <Button variant="text" size="sm" className="mt-2" onClick={useAsTarget}>
              {M.calculatorUse}
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

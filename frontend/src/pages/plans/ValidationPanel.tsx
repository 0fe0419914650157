import { useEffect, useRef, useState } from 'react';
import { getValidation, type ValidationOut } from '../../api/plans';
import { Button } from '../../components/Button';
import { fieldLabel, lineInSection, type LabelContext } from '../../lib/fieldLabels';
import { fieldId } from '../../lib/plans';
import { editorSections, sectionOf } from './editor/sections';
import { PLAN_MESSAGES } from './messages';

const V = PLAN_MESSAGES.validation;

/** The element a validation path points at, or the nearest enclosing thing that exists. */
export function focusField(path: string): void {
  const segments = path.split('/');
  while (segments.length > 0) {
    const element = document.getElementById(fieldId(segments.join('/')));
    if (element) {
      element.focus();
      return;
    }
    segments.pop();
  }
}

/**
 * 検証パネル: everything that blocks a pre-check request, from the server's rules, each item a link
 * that puts the cursor in its field. It checks what is saved, so it asks to save first.
 */
export function ValidationPanel({ planId, dirty, version, context }: { planId: number; dirty: boolean; version: number; context?: LabelContext }) {
  const [result, setResult] = useState<(ValidationOut & { version: number }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Each answer (a new object) takes the focus once it is on screen.
  useEffect(() => {
    if (result) heading.current?.focus();
  }, [result]);

  const check = async () => {
    setBusy(true);
    setFailed(null);
    try {
      const out = await getValidation(planId);
      setResult({ ...out, version });
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="validation-heading" className="mt-10 rounded-8 border-2 border-blue-900 p-4 md:p-6" data-testid="validation-panel">
      <h2 id="validation-heading" className="text-std-24B-150">
        {V.title}
      </h2>
      <p className="mt-2 text-std-16N-170">{V.lead}</p>
      {dirty ? <p className="mt-2 text-std-16B-170 text-warning-orange-2">{V.unsaved}</p> : null}
      <Button variant="secondary" size="sm" className="mt-4" unavailable={busy} onClick={() => void check()}>
        {busy ? V.checking : V.check}
      </Button>
      {failed ? <p role="alert" className="mt-4 text-error-1">{V.failed(failed)}</p> : null}
      {result ? (
        <div className="mt-4" role="status">
          <h3 ref={heading} tabIndex={-1} className="text-std-20B-150">
            {result.valid ? V.valid : V.invalid(result.errors.length)}
          </h3>
          {result.version !== version ? <p className="text-dns-16N-130">{V.outdated}</p> : null}
          {result.errors.length > 0 ? (
            <div data-testid="validation-errors">
              {groups(result.errors, context).map((group) => (
                <div key={group.key} className="mt-4" data-testid={`validation-group-${group.key.replace(/\W+/g, '-')}`}>
                  <h4 className="text-std-17B-170">{group.title}</h4>
                  <ul className="mt-1 list-disc space-y-1 pl-6">
                    {group.items.map(({ problem, line }) => (
                      <li key={`${problem.field}:${problem.message}`}>
                        <a
                          href={`#${fieldId(problem.field)}`}
                          className="text-error-1"
                          onClick={(event) => {
                            event.preventDefault();
                            focusField(problem.field);
                          }}
                        >
                          {line}
                        </a>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          ) : null}
          {result.warnings.length > 0 ? (
            <ul className="mt-2 list-disc space-y-1 pl-6 text-solid-gray-800">
              {result.warnings.map((problem) => (
                <li key={problem.message}>{V.warning(problem.message)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

type Problem = ValidationOut['errors'][number];

/**
 * The errors grouped by the editor's sections, in the index's order, each line naming the KGI /
 * KPI / company / item it concerns (never two identical lines).
 */
function groups(errors: readonly Problem[], context: LabelContext | undefined) {
  const ctx: LabelContext = context ?? { planType: 'C' };
  const sections = editorSections(ctx.planType);
  const byKey = new Map<string, { key: string; title: string; items: { problem: Problem; line: string }[] }>();
  for (const problem of errors) {
    const key = sectionOf(problem.field);
    const title = sections.find((s) => s.key === key)?.title ?? fieldLabel(problem.field, ctx);
    const group = byKey.get(key) ?? { key, title, items: [] };
    group.items.push({ problem, line: lineInSection(problem.field, problem.message, ctx) });
    byKey.set(key, group);
  }
  const order = sections.map((s) => s.key);
  return [...byKey.values()].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

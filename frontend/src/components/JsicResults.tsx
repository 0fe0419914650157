import { Button } from './Button';

/**
 * The industries a JSIC search found, each a button that picks it; the search field named by
 * `inputId` gets the focus back, so the next search starts where the last one did.
 */
export function JsicResults({
  inputId,
  results,
  label,
  action,
  onPick,
  testId,
}: {
  inputId: string;
  results: readonly { code: string; label: string }[];
  /** The list's accessible name. */
  label: string;
  /** A button's text for an entry (「追加: …」, 「選ぶ: …」). */
  action: (entryLabel: string) => string;
  onPick: (code: string) => void;
  testId: string;
}) {
  if (results.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1" aria-label={label} data-testid={testId}>
      {results.map((entry) => (
        <li key={entry.code}>
          <Button
            variant="text"
            size="sm"
            className="text-left"
            onClick={() => {
              onPick(entry.code);
              document.getElementById(inputId)?.focus();
            }}
          >
            {action(entry.label)}
          </Button>
        </li>
      ))}
    </ul>
  );
}

import { SCORING } from './messages';

/** The two definitions side by side, so nobody reads one for the other. */
export function DefinitionNote() {
  return (
    <dl className="grid gap-4 md:grid-cols-2" data-testid="definitions">
      {(['national_share', 'company_ratio'] as const).map((key) => {
        const d = SCORING.definitions[key];
        return (
          <div key={key} className="rounded-8 border border-solid-gray-420 p-4">
            <dt className="text-std-17B-170">{d.name}</dt>
            <dd className="mt-2 text-std-16N-170">
              {SCORING.definitionNote.connector(d.connector)}
              <br />
              {SCORING.definitionNote.hub(d.hub)}
              <br />
              <span className="text-dns-14N-130 text-solid-gray-700">{SCORING.definitionNote.source(d.source)}</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

import { useState, type ChangeEvent } from 'react';
import { importWorkbook, type Versioned } from '../../api/plans';
import { ApiError } from '../../api/problem';
import { previewImport, type ImportPreview } from '../../api/versions';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { NoticeBanner } from '../../components/NoticeBanner';
import { ChangeList } from './versions/ChangeList';
import { IMPORT_MESSAGES, importFieldLabel } from './versions/messages';

type State =
  | { step: 'choose' }
  | { step: 'reading'; file: File }
  | { step: 'preview'; file: File; preview: ImportPreview }
  | { step: 'applying'; file: File; preview: ImportPreview }
  | { step: 'refused'; title: string; lines: string[] };

function refusal(error: unknown): { title: string; lines: string[] } {
  if (!(error instanceof ApiError)) return { title: String(error), lines: [] };
  if (error.kind === 'stale') return { title: IMPORT_MESSAGES.stale, lines: [] };
  const title = error.problem.detail ?? error.title;
  const lines = error.fieldErrors
    .filter((p) => p.message !== title)
    .map((p) => IMPORT_MESSAGES.fieldLine(importFieldLabel(p.field), p.message));
  return { title, lines };
}

/**
 * 様式 import that asks first: choose a file → what it would change (追加 / 変更 / 削除) →
 * 「取り込む」 or cancel. Applied with the version the preview was made against, so a plan changed
 * in between is never overwritten unseen.
 */
export function ImportDialog({
  planId,
  dirty,
  onImported,
  onClose,
}: {
  planId: number;
  dirty: boolean;
  onImported: (result: Versioned, fileName: string) => void;
  onClose: () => void;
}) {
  const [state, setState] = useState<State>({ step: 'choose' });

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setState({ step: 'reading', file });
    try {
      setState({ step: 'preview', file, preview: await previewImport(planId, file) });
    } catch (error) {
      setState({ step: 'refused', ...refusal(error) });
    }
  };

  const apply = async (file: File, preview: ImportPreview) => {
    setState({ step: 'applying', file, preview });
    try {
      onImported(await importWorkbook(planId, file, `"${preview.version}"`), file.name);
    } catch (error) {
      setState({ step: 'refused', ...refusal(error) });
    }
  };

  return (
    <Dialog title={IMPORT_MESSAGES.title} onClose={onClose}>
      <p className="text-std-16N-170">{IMPORT_MESSAGES.lead}</p>
      {dirty ? (
        <div className="mt-4">
          <NoticeBanner tone="warning" title={IMPORT_MESSAGES.dirty} />
        </div>
      ) : null}
      <div className="mt-4">
        <label htmlFor="import-file" className="block text-std-16B-170">
          {IMPORT_MESSAGES.file}
        </label>
        <p id="import-file-hint" className="text-dns-16N-130 text-solid-gray-800">
          {IMPORT_MESSAGES.fileHint}
        </p>
        <input
          id="import-file"
          type="file"
          aria-describedby="import-file-hint"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="mt-2 block"
          data-testid="import-file"
          onChange={(e) => void choose(e)}
        />
      </div>
      <div aria-live="polite" className="mt-4" data-testid="import-preview">
        {state.step === 'reading' ? <p role="status">{IMPORT_MESSAGES.reading}</p> : null}
        {state.step === 'refused' ? (
          <NoticeBanner tone="error" title={`${IMPORT_MESSAGES.refused}${state.title}`}>
            {state.lines.length > 0 ? (
              <ul className="list-disc pl-6">
                {state.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </NoticeBanner>
        ) : null}
        {state.step === 'preview' || state.step === 'applying' ? (
          <>
            <h3 className="text-std-20B-150">{IMPORT_MESSAGES.previewTitle(state.file.name)}</h3>
            {state.preview.changes.length === 0 ? (
              <p className="mt-2">{IMPORT_MESSAGES.noChanges}</p>
            ) : (
              <>
                <p className="mt-1 text-dns-16N-130">{IMPORT_MESSAGES.count(state.preview.changes.length)}</p>
                <ChangeList changes={state.preview.changes} level={4} testId="import-changes" />
              </>
            )}
          </>
        ) : null}
      </div>
      <div className="mt-6 flex flex-wrap gap-4">
        {state.step === 'preview' || state.step === 'applying' ? (
          <Button
            unavailable={state.step === 'applying'}
            onClick={() => void apply(state.file, state.preview)}
            data-testid="import-apply"
          >
            {state.step === 'applying' ? IMPORT_MESSAGES.applying : IMPORT_MESSAGES.apply}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={onClose}>
          {IMPORT_MESSAGES.cancel}
        </Button>
      </div>
    </Dialog>
  );
}

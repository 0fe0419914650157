import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KIKUYO_EDITOR, fakeServer, json } from '../../test/http';
import { makePlan } from '../../test/plans';
import { renderApp } from '../../test/render';
import { VERSION_MESSAGES } from './versions/messages';
import { forgetOrganisationNames } from './useOrganisationNames';

afterEach(() => {
  vi.unstubAllGlobals();
  forgetOrganisationNames();
});

function serve(plan = makePlan()) {
  fakeServer({
    'GET /auth/me': () => json(200, KIKUYO_EDITOR),
    [`GET /api/plans/${plan.id}`]: () => json(200, plan, { ETag: `"${plan.version}"` }),
    [`GET /api/plans/${plan.id}/transitions`]: () => json(200, []),
    [`GET /api/plans/${plan.id}/history`]: () => json(200, []),
  });
}

describe('the plan facts: one meaning of 第N版', () => {
  it('reads 「版」 as the version history’s number (the 様式 and its file name) and the PDCA revision as 「改訂」', async () => {
    serve(makePlan({ version: 12, revision: 2, updated_at: '2026-11-23T01:00:00Z' }));
    renderApp('/plans/7');
    const version = await screen.findByTestId('plan-version');
    expect(version).toHaveTextContent(`${VERSION_MESSAGES.versionLabel(12)}・更新 2026年11月23日（月） 10:00`);
    expect(version).toHaveTextContent('第12版');
    expect(screen.getByTestId('plan-revision')).toHaveTextContent('第1回の改訂');
    // the revision's number never reads as a 版
    expect(screen.getByTestId('plan-facts')).not.toHaveTextContent('第2版');
  });

  it('says a plan not yet revised is the original', async () => {
    serve(makePlan({ version: 3, revision: 1 }));
    renderApp('/plans/7');
    expect(await screen.findByTestId('plan-revision')).toHaveTextContent('改訂なし（当初の計画）');
    expect(screen.getByTestId('plan-version')).toHaveTextContent('第3版');
  });
});

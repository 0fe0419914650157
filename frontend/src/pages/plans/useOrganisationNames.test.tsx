import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../test/http';
import { forgetOrganisationNames, useOrganisationNames } from './useOrganisationNames';

function Names({ codes }: { codes: string[] }) {
  const name = useOrganisationNames(codes);
  return <p data-testid="names">{codes.map(name).join(' / ')}</p>;
}

const LOOKUP = 'GET /directory/v1/organisations?codes=432024';

describe('団体名の照会', () => {
  beforeEach(() => forgetOrganisationNames());
  afterEach(() => vi.unstubAllGlobals());

  it('asks again on the next screen when a look-up failed, instead of keeping the code all session', async () => {
    const failing = fakeServer({ [LOOKUP]: () => json(503, { title: '一時的に利用できません', status: 503 }) });
    const first = render(<Names codes={['432024']} />);
    await waitFor(() => expect(failing.requests.some((r) => r.url.includes('432024'))).toBe(true));
    expect(screen.getByTestId('names')).toHaveTextContent('432024');
    first.unmount();

    fakeServer({ [LOOKUP]: () => json(200, [{ code: '432024', name: '八代市', kind: 'city', prefecture: '43' }]) });
    act(() => {
      render(<Names codes={['432024']} />);
    });
    await waitFor(() => expect(screen.getByTestId('names')).toHaveTextContent('八代市'));
  });

  it('remembers a refused look-up for the session and does not ask again', async () => {
    const server = fakeServer({ [LOOKUP]: () => json(403, { title: '権限がありません', status: 403 }) });
    const first = render(<Names codes={['432024']} />);
    await waitFor(() => expect(server.requests).toHaveLength(1));
    first.unmount();
    render(<Names codes={['432024']} />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
    expect(screen.getByTestId('names')).toHaveTextContent('432024');
  });

  it('remembers a code the directory does not hold and does not ask for it again', async () => {
    const server = fakeServer({ [LOOKUP]: () => json(200, []) });
    const first = render(<Names codes={['432024']} />);
    await waitFor(() => expect(server.requests).toHaveLength(1));
    first.unmount();
    render(<Names codes={['432024']} />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
  });
});

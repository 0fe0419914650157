import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, type Recorded } from '../../test/http';
import { ApprovalRequestButton } from './ApprovalRequestButton';

afterEach(() => vi.unstubAllGlobals());

describe('承認者に依頼する', () => {
  it('sends the request with the optional message and says the approvers were told', async () => {
    const { requests } = fakeServer({
      'POST /api/plans/7/approval-request': (r: Recorded) =>
        json(202, { plan_id: 7, event: 'plan.approval_requested', organisation: '430005', requested_at: '2026-07-10T00:00:00Z', echo: r.body }),
    });
    const user = userEvent.setup();
    render(<ApprovalRequestButton planId={7} />);
    await user.type(screen.getByRole('textbox', { name: /承認者へのひとこと/ }), '確認をお願いします');
    await user.click(screen.getByRole('button', { name: '承認者に依頼する' }));
    expect(await screen.findByText('承認者に依頼しました')).toBeInTheDocument();
    expect(requests[0]?.body).toEqual({ message: '確認をお願いします' });
  });

  it('shows every reason a refused request gives, in Japanese', async () => {
    fakeServer({
      'POST /api/plans/7/approval-request': () =>
        json(422, {
          type: 'https://chiiki.example.jp/problems/validation',
          title: '入力内容に誤りがあります',
          status: 422,
          detail: '計画に未記入・不備の項目があるため承認者に依頼できません',
          errors: [{ field: 'kgis', message: '必須KGIを入力してください' }],
        }),
    });
    const user = userEvent.setup();
    render(<ApprovalRequestButton planId={7} />);
    await user.click(screen.getByRole('button', { name: '承認者に依頼する' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('計画に未記入・不備の項目があるため承認者に依頼できません');
    expect(alert).toHaveTextContent('必須KGIを入力してください');
    expect(alert).not.toHaveTextContent('kgis');
  });
});

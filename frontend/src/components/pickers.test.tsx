import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../test/http';
import { CompanyPicker } from './CompanyPicker';
import { JsicPicker } from './JsicPicker';

const entry = (code: string, name: string, level: string, keywords: string[] = []) => ({ code, name, level, label: `${code} ${name}`, keywords });
const LIST = {
  revision: '日本標準産業分類（令和5年7月改定・第14回改定）',
  coverage: '',
  items: [
    entry('E', '製造業', '大分類'),
    entry('E28', '電子部品・デバイス・電子回路製造業', '中分類', ['半導体']),
    entry('E2813', '半導体素子製造業（光電変換素子を除く）', '細分類'),
    entry('E2814', '集積回路製造業', '細分類', ['半導体']),
    entry('E29', '電気機械器具製造業', '中分類'),
  ],
};

function Industry({ initial = '', readOnly = false }: { initial?: string; readOnly?: boolean }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <JsicPicker id="field-jsic_codes" label="業種（日本標準産業分類）" required value={value} readOnly={readOnly} onChange={setValue} />
      <span data-testid="stored">{value}</span>
    </>
  );
}

describe('JsicPicker', () => {
  it('adds the industries found by name and shows them with their names', async () => {
    fakeServer({ 'GET /api/plans/reference/jsic': () => json(200, LIST) });
    const user = userEvent.setup();
    render(<Industry initial="E29" />);
    expect(await screen.findByText('E29 電気機械器具製造業')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/業種（日本標準産業分類）/), '半導体');
    const results = screen.getByTestId('jsic-results');
    expect(within(results).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'E28 電子部品・デバイス・電子回路製造業 を加える',
      'E2813 半導体素子製造業（光電変換素子を除く） を加える',
      'E2814 集積回路製造業 を加える',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('3件見つかりました。');
    await user.click(within(results).getByRole('button', { name: /^E28 / }));
    expect(screen.getByTestId('stored')).toHaveTextContent('E29 E28');
    expect(screen.getByTestId('jsic-chosen')).toHaveTextContent('E28 電子部品・デバイス・電子回路製造業');
    expect(screen.getByLabelText(/業種（日本標準産業分類）/)).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'E29 電気機械器具製造業 を外す' }));
    expect(screen.getByTestId('stored')).toHaveTextContent(/^E28$/);
  });

  it('says when nothing matches, and marks a stored code the list does not hold', async () => {
    fakeServer({ 'GET /api/plans/reference/jsic': () => json(200, LIST) });
    const user = userEvent.setup();
    render(<Industry initial="E2899" />);
    expect(await screen.findByText(/E2899（日本標準産業分類の一覧にない分類です/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/業種（日本標準産業分類）/), '宇宙旅行');
    expect(screen.getByRole('status')).toHaveTextContent('該当する分類はありません');
  });

  it('offers no search on a read-only plan', async () => {
    fakeServer({ 'GET /api/plans/reference/jsic': () => json(200, LIST) });
    render(<Industry initial="E28" readOnly />);
    expect(await screen.findByText('E28 電子部品・デバイス・電子回路製造業')).toBeInTheDocument();
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});

const company = (corporate_number: string, name: string) => ({
  corporate_number,
  name,
  hq_prefecture: '43',
  jsic_major: 'E',
  jsic_middle: '28',
  employees: 400,
  web: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
});

describe('CompanyPicker', () => {
  it('searches scoring by name and hands the picked company over', async () => {
    const { requests } = fakeServer({
      'GET /api/scoring/companies?q=%E9%98%BF%E8%98%87&limit=10': () =>
        json(200, { items: [company('7010001018209', '阿蘇セミコンパーツ株式会社(サンプル)'), company('5835678256246', '阿蘇精機株式会社(サンプル)')], total: 2, limit: 10, offset: 0 }),
    });
    const onPick = vi.fn();
    const user = userEvent.setup();
    render(<CompanyPicker id="company-search" taken={['5835678256246']} onPick={onPick} />);
    await user.type(screen.getByLabelText('登録済みの企業から探す'), '阿蘇');
    const results = await screen.findByTestId('company-results');
    expect(screen.getByRole('status')).toHaveTextContent('2件見つかりました。');
    expect(results).toHaveTextContent('阿蘇精機株式会社(サンプル)（法人番号 5835678256246）（追加済み）');
    expect(within(results).getAllByRole('button')).toHaveLength(1);
    await user.click(within(results).getByRole('button', { name: '阿蘇セミコンパーツ株式会社(サンプル)（法人番号 7010001018209）を加える' }));
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ corporate_number: '7010001018209' }));
    expect(requests.filter((r) => r.url.startsWith('/api/scoring/companies'))).toHaveLength(1);
  });

  it('says so when scoring cannot be searched', async () => {
    fakeServer({});
    const user = userEvent.setup();
    render(<CompanyPicker id="company-search" taken={[]} onPick={vi.fn()} />);
    await user.type(screen.getByLabelText('登録済みの企業から探す'), '７０１０００１０１８２０９');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('登録企業を検索できませんでした。法人番号を入力して追加してください。'));
  });
});

import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { DebtList } from '../api/contract';
import { apiError, fakeDebt, fakeDebtsApi } from '../testing/fakes';
import DebtsPage from './DebtsPage.svelte';

function listOf(): DebtList {
  return {
    debts: [
      fakeDebt({ id: 3, kind: 'fine', kind_label: 'Штраф', agency: 'Госавтоинспекция', purpose: 'Превышение скорости', amount_text: '500,00 ₽', due_date: '01.10.2026', overdue: true }),
      fakeDebt({ id: 4 }),
      fakeDebt({ id: 5, kind: 'utility', kind_label: 'Коммунальный платёж', status: 'paid', paid_at: '2026-11-20T10:00:00Z' }),
    ],
    open_total_kopecks: 173_456,
    open_total_text: '1 734,56 ₽',
  };
}

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'квитанция.png', { type: 'image/png' });
const row = (id: number) => screen.getAllByTestId('debt-row').find((each) => each.dataset.id === String(id))!;

describe('DebtsPage', () => {
  it('lists debts with kind, agency, amount, due date, overdue marker, status and the open total', async () => {
    render(DebtsPage, { api: fakeDebtsApi({ list: vi.fn(async () => listOf()) }) });

    await screen.findAllByTestId('debt-row');
    expect(screen.getAllByTestId('debt-row').map((each) => [each.dataset.id, each.dataset.status])).toEqual([
      ['3', 'open'],
      ['4', 'open'],
      ['5', 'paid'],
    ]);
    expect(screen.getByTestId('debt-total').textContent).toBe('1 734,56 ₽');
    const fine = within(row(3));
    expect(fine.getByTestId('debt-kind').textContent).toBe('Штраф');
    expect(fine.getByTestId('debt-agency').textContent).toBe('Госавтоинспекция');
    expect(fine.getByTestId('debt-purpose').textContent).toBe('Превышение скорости');
    expect(fine.getByTestId('debt-amount').textContent).toBe('500,00 ₽');
    expect(fine.getByTestId('debt-due').textContent).toBe('01.10.2026');
    expect(fine.getByTestId('debt-overdue').textContent).toBe('Просрочено');
    expect(fine.getByTestId('debt-status').textContent).toBe('Не оплачено');
    expect(within(row(4)).queryByTestId('debt-overdue')).toBeNull();
    expect(within(row(5)).getByTestId('debt-status').textContent).toBe('Оплачено');
    expect(screen.getByTestId('debt-paid-3')).toBeTruthy();
    expect(screen.queryByTestId('debt-paid-5')).toBeNull();
  });

  it('says so when there are none', async () => {
    render(DebtsPage, { api: fakeDebtsApi() });
    expect((await screen.findByTestId('debt-empty')).textContent).toBe('Задолженностей нет.');
  });

  it('«Оплачено» sends the chosen receipt and shows the debt still open, awaiting the check', async () => {
    const claimPaid = vi.fn(async (_body: Uint8Array, headers?: Record<string, string>) =>
      fakeDebt({ id: Number(headers?.['x-kabinet-debt']), status: 'awaiting_confirmation', claimed_at: '2026-11-25T10:00:00Z', receipt_name: 'kvitanciya.png' }),
    );
    render(DebtsPage, { api: fakeDebtsApi({ list: vi.fn(async () => listOf()), claimPaid }) });

    await userEvent.click(await screen.findByTestId('debt-paid-4'));
    await userEvent.click(screen.getByTestId('debt-receipt-send'));
    expect((await screen.findByTestId('error-receipt')).textContent).toBe('Выберите файл квитанции');
    expect(claimPaid).not.toHaveBeenCalled();

    await userEvent.upload(screen.getByTestId('debt-receipt-input'), png());
    await userEvent.click(screen.getByTestId('debt-receipt-send'));

    expect(claimPaid).toHaveBeenCalledTimes(1);
    const [body, headers] = claimPaid.mock.calls[0];
    expect(headers).toEqual({ 'x-kabinet-debt': '4', 'x-kabinet-name': encodeURIComponent('квитанция.png') });
    expect(Array.from(body)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect((await screen.findByTestId('debt-claimed-notice')).textContent).toContain(
      'Оплата на проверке — задолженность остаётся открытой до подтверждения',
    );
    expect(row(4).dataset.status).toBe('awaiting_confirmation');
    expect(within(row(4)).getByTestId('debt-status').textContent).toBe('Оплата на проверке');
    expect(within(row(4)).getByTestId('debt-receipt-name').textContent).toBe('kvitanciya.png');
    expect(screen.queryByTestId('debt-paid-4')).toBeNull();
    expect(screen.getByTestId('debt-replace-4')).toBeTruthy();
    expect(screen.getByTestId('debt-total').textContent).toBe('1 734,56 ₽');
  });

  it('shows the core’s refusal of the file at the receipt input', async () => {
    const claimPaid = vi.fn(async () => {
      throw apiError('validation', 'Проверьте поля', [
        { field: 'receipt', code: 'scan_type', message: 'Файл должен быть PDF, JPEG или PNG' },
      ]);
    });
    render(DebtsPage, { api: fakeDebtsApi({ list: vi.fn(async () => listOf()), claimPaid }) });

    await userEvent.click(await screen.findByTestId('debt-paid-3'));
    await userEvent.upload(screen.getByTestId('debt-receipt-input'), png());
    await userEvent.click(screen.getByTestId('debt-receipt-send'));

    expect((await screen.findByTestId('error-receipt')).textContent).toBe('Файл должен быть PDF, JPEG или PNG');
    expect(row(3).dataset.status).toBe('open');
    expect(screen.queryByTestId('debt-claimed-notice')).toBeNull();
  });
});

import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { DeskApi } from '../api/types';
import {
  apiError,
  fakeApplicationSummary,
  fakeCitizenCard,
  fakeDebt,
  fakeDeskApi,
  fakeMyDocument,
  fakeStaffApi,
} from '../testing/fakes';
import CitizenCard from './CitizenCard.svelte';
import FindCitizen from './FindCitizen.svelte';

function open(desk: DeskApi, card = fakeCitizenCard()) {
  const oncard = vi.fn();
  const onerrors = vi.fn();
  render(CitizenCard, { api: desk, card, oncard, onexpired: vi.fn(() => false), onerrors });
  return { oncard, onerrors };
}

const ACCOUNT = { account_number: '482-913-075' };

describe('Карточка гражданина → Заявления', () => {
  it('lists the applications and moves an unfinished one’s status with a comment', async () => {
    const desk = fakeDeskApi({
      applications: vi.fn(async () => [
        fakeApplicationSummary({ number: '2026-000007', status: 'in_review', status_label: 'На рассмотрении' }),
        fakeApplicationSummary({ number: '2026-000002', status: 'completed', status_label: 'Исполнено', unfinished: false }),
      ]),
    });
    open(desk);

    const rows = await screen.findAllByTestId('desk-app');
    expect(desk.applications).toHaveBeenCalledWith(ACCOUNT);
    expect(rows.map((row) => row.dataset.number)).toEqual(['2026-000007', '2026-000002']);
    expect(within(rows[0]).getByTestId('desk-app-status').textContent).toBe('На рассмотрении');
    expect(within(rows[1]).queryByTestId('desk-app-move')).toBeNull();

    await userEvent.click(within(rows[0]).getByTestId('desk-app-move'));
    await userEvent.click(screen.getByTestId('desk-app-submit'));
    expect(screen.getByTestId('error-status').textContent).toBe('Выберите новый статус');
    expect(desk.setApplicationStatus).not.toHaveBeenCalled();

    await userEvent.click(screen.getByTestId('desk-app-status-documents_required'));
    await userEvent.type(screen.getByTestId('desk-app-comment'), 'Нужна копия свидетельства');
    await userEvent.click(screen.getByTestId('desk-app-submit'));

    expect(desk.setApplicationStatus).toHaveBeenCalledWith({
      number: '2026-000007',
      status: 'documents_required',
      comment: 'Нужна копия свидетельства',
    });
    expect((await screen.findByTestId('desk-app-updated')).textContent).toContain('2026-000007');
    expect(desk.applications).toHaveBeenCalledTimes(2);
  });

  it('puts the core’s refusal of the comment at the comment', async () => {
    const desk = fakeDeskApi({
      applications: vi.fn(async () => [fakeApplicationSummary()]),
      setApplicationStatus: vi.fn(async () => {
        throw apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'comment', code: 'required', message: 'Комментарий: обязательное поле — заполните его' },
        ]);
      }),
    });
    const { onerrors } = open(desk);

    await userEvent.click(await screen.findByTestId('desk-app-move'));
    await userEvent.click(screen.getByTestId('desk-app-status-refused'));
    await userEvent.click(screen.getByTestId('desk-app-submit'));

    expect(desk.setApplicationStatus).toHaveBeenCalledWith({ number: '2026-000001', status: 'refused', comment: undefined });
    expect((await screen.findByTestId('error-comment')).textContent).toContain('Комментарий: обязательное поле');
    expect(onerrors).toHaveBeenLastCalledWith([
      { field: 'comment', scope: 'desk-app', message: 'Комментарий: обязательное поле — заполните его' },
    ]);
  });
});

describe('Карточка гражданина → Задолженности', () => {
  it('adds a debt and decides on a receipt', async () => {
    const desk = fakeDeskApi({
      debts: vi.fn(async () => ({
        debts: [fakeDebt({ id: 4, status: 'awaiting_confirmation', receipt_name: 'чек.pdf' })],
        open_total_kopecks: 123_456,
        open_total_text: '1 234,56 ₽',
      })),
    });
    open(desk);
    await userEvent.click(screen.getByTestId('desk-tab-debts'));

    const row = await screen.findByTestId('desk-debt');
    expect(desk.debts).toHaveBeenCalledWith(ACCOUNT);
    expect(row.dataset.status).toBe('awaiting_confirmation');
    expect(within(row).getByTestId('desk-debt-receipt').textContent).toContain('чек.pdf');

    await userEvent.click(within(row).getByTestId('desk-debt-confirm'));
    expect(desk.decideReceipt).toHaveBeenCalledWith({ id: 4, accept: true });
    expect((await screen.findByTestId('desk-debt-done')).textContent).toContain('подтверждена');

    await userEvent.click(screen.getByTestId('desk-debt-reject'));
    await userEvent.click(screen.getByTestId('desk-debt-reject-submit'));
    expect(screen.getByTestId('error-comment').textContent).toBe('Укажите, почему квитанция не принята');
    await userEvent.type(screen.getByTestId('desk-debt-reject-comment'), 'Квитанция нечитаема');
    await userEvent.click(screen.getByTestId('desk-debt-reject-submit'));
    expect(desk.decideReceipt).toHaveBeenLastCalledWith({ id: 4, accept: false, comment: 'Квитанция нечитаема' });

    await userEvent.click(screen.getByTestId('desk-debt-kind-fine'));
    await userEvent.type(screen.getByTestId('desk-debt-agency'), 'ГИБДД');
    await userEvent.type(screen.getByTestId('desk-debt-purpose'), 'Штраф за превышение скорости');
    await userEvent.type(screen.getByTestId('desk-debt-amount'), '500');
    await userEvent.type(screen.getByTestId('desk-debt-due'), '20.12.2026');
    await userEvent.click(screen.getByTestId('desk-debt-add'));
    expect(desk.addDebt).toHaveBeenCalledWith({
      account_number: '482-913-075',
      kind: 'fine',
      agency: 'ГИБДД',
      purpose: 'Штраф за превышение скорости',
      amount: '500',
      due_date: '20.12.2026',
    });
    expect((await screen.findByTestId('desk-debt-done')).textContent).toContain('добавлена');
  });

  it('puts the core’s field errors at the debt form', async () => {
    const desk = fakeDeskApi({
      addDebt: vi.fn(async () => {
        throw apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'amount', code: 'amount_format', message: 'Сумма: введите сумму в рублях, например 1234,56' },
          { field: 'due_date', code: 'date_format', message: 'Оплатить до: дата в формате ДД.ММ.ГГГГ' },
        ]);
      }),
    });
    open(desk);
    await userEvent.click(screen.getByTestId('desk-tab-debts'));
    await userEvent.type(await screen.findByTestId('desk-debt-amount'), 'сто');
    await userEvent.click(screen.getByTestId('desk-debt-add'));

    expect((await screen.findByTestId('error-amount')).textContent).toContain('в рублях');
    expect(screen.getByTestId('error-due_date').textContent).toContain('ДД.ММ.ГГГГ');
  });
});

describe('Карточка гражданина → Документы и история', () => {
  it('prints and saves a document of the citizen and shows the outcome', async () => {
    const desk = fakeDeskApi({
      documents: vi.fn(async () => [fakeMyDocument({ number: 'АКТ-2026-000001', title: 'Акт о закрытии № АКТ-2026-000001' })]),
      printDocument: vi.fn().mockResolvedValueOnce('sent').mockResolvedValueOnce('opened_in_viewer'),
    });
    open(desk);
    await userEvent.click(screen.getByTestId('desk-tab-documents'));

    const row = await screen.findByTestId('desk-doc-list-row');
    expect(row.dataset.key).toBe('АКТ-2026-000001');
    await userEvent.click(within(row).getByTestId('desk-doc-print'));
    expect(desk.printDocument).toHaveBeenCalledWith({ account_number: '482-913-075', number: 'АКТ-2026-000001' });
    expect((await screen.findByTestId('desk-doc-printed')).textContent).toContain('отправлен на печать');

    await userEvent.click(within(row).getByTestId('desk-doc-print'));
    expect(await screen.findByTestId('desk-doc-print-viewer')).toBeTruthy();

    await userEvent.click(within(row).getByTestId('desk-doc-save'));
    expect(desk.saveDocument).toHaveBeenCalledWith({ account_number: '482-913-075', number: 'АКТ-2026-000001' });
    expect((await screen.findByTestId('desk-doc-saved-text')).textContent).toBe('/home/operator/документ.pdf');
  });

  it('pages through «История изменений»', async () => {
    const change = { at: '2026-11-25T09:00:00Z', field: 'level', label: 'Уровень', old_value: 'standard', new_value: 'confirmed', actor: 'operator' };
    const desk = fakeDeskApi({
      history: vi.fn(async ({ page }) => ({ changes: [change], page, pages: 2 })),
    });
    open(desk);
    await userEvent.click(screen.getByTestId('desk-tab-history'));

    const row = await screen.findByTestId('desk-history-row');
    expect(desk.history).toHaveBeenCalledWith({ account_number: '482-913-075', page: 1 });
    expect(within(row).getByTestId('desk-history-new').textContent).toBe('Подтверждённая');
    expect(within(row).getByTestId('desk-history-actor').textContent).toBe('оператор');
    await userEvent.click(screen.getByTestId('desk-history-next'));
    expect(desk.history).toHaveBeenLastCalledWith({ account_number: '482-913-075', page: 2 });
    await vi.waitFor(() => expect(screen.getByTestId('desk-history-page').textContent).toBe('Страница 2 из 2'));
  });
});

describe('Карточка гражданина → Подтверждение личности', () => {
  async function openIdentity(desk: DeskApi) {
    const staff = fakeStaffApi({ findCitizen: vi.fn(async () => fakeCitizenCard()) });
    render(FindCitizen, { api: { staff, desk }, onexpired: vi.fn(() => false) });
    await userEvent.type(screen.getByTestId('desk-find-query'), '482-913-075');
    await userEvent.click(screen.getByTestId('desk-find-purpose-identity_check'));
    await userEvent.click(screen.getByTestId('desk-find-submit'));
    await userEvent.click(await screen.findByTestId('desk-tab-identity'));
  }

  async function fill() {
    await userEvent.type(screen.getByTestId('desk-identity-passport'), '4508 123456');
    await userEvent.type(screen.getByTestId('desk-identity-issue-date'), '12.04.2010');
    await userEvent.type(screen.getByTestId('desk-identity-division-code'), '770-001');
    await userEvent.type(screen.getByTestId('desk-identity-birth-date'), '05.03.1990');
    await userEvent.click(screen.getByTestId('desk-identity-submit'));
  }

  it('confirms the identity from the passport and the card shows «Подтверждённая»', async () => {
    const desk = fakeDeskApi();
    await openIdentity(desk);
    await fill();

    expect(desk.confirmIdentity).toHaveBeenCalledWith({
      account_number: '482-913-075',
      passport_number: '4508 123456',
      passport_issue_date: '12.04.2010',
      division_code: '770-001',
      birth_date: '05.03.1990',
    });
    expect(await screen.findByTestId('desk-identity-confirmed')).toBeTruthy();
    const level = screen.getByTestId('desk-card-level');
    expect(level.textContent).toBe('Подтверждённая');
    expect(level.dataset.level).toBe('confirmed');
    expect(screen.queryByTestId('desk-identity-form')).toBeNull();
  });

  it('shows each differing field’s message at its field', async () => {
    const desk = fakeDeskApi({
      confirmIdentity: vi.fn(async () => {
        throw apiError('validation', 'Данные не совпадают с кабинетом', [
          { field: 'passport', code: 'differs_from_account', message: 'Серия и номер паспорта: не совпадает с данными кабинета' },
          { field: 'birth_date', code: 'differs_from_account', message: 'Дата рождения: не совпадает с данными кабинета' },
        ]);
      }),
    });
    await openIdentity(desk);
    await fill();

    expect((await screen.findByTestId('error-passport')).textContent).toContain('не совпадает');
    expect(screen.getByTestId('error-birth_date').textContent).toContain('Дата рождения');
    expect(screen.queryByTestId('error-issue_date')).toBeNull();
    expect(screen.getByTestId('error-summary').textContent).toContain('Серия и номер паспорта');
    expect(screen.getByTestId('desk-card-level').dataset.level).toBe('standard');
  });

  it('prints a slip with a confirmation code', async () => {
    const desk = fakeDeskApi();
    await openIdentity(desk);
    await userEvent.click(screen.getByTestId('desk-identity-slip'));

    expect(desk.identitySlip).toHaveBeenCalledWith(ACCOUNT);
    expect((await screen.findByTestId('desk-identity-slip-sent')).textContent?.trim()).toBe('Бланк отправлен на печать');
  });

  it('offers nothing to a simplified account', async () => {
    open(fakeDeskApi(), fakeCitizenCard({ level: 'simplified' }));
    await userEvent.click(screen.getByTestId('desk-tab-identity'));
    expect(screen.getByTestId('desk-identity-unavailable')).toBeTruthy();
    expect(screen.queryByTestId('desk-identity-form')).toBeNull();
  });
});

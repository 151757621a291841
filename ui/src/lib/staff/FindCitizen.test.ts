import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  apiError,
  fakeBlock,
  fakeCitizenCard,
  fakeDeskApi,
  fakeStaffApi,
} from '../testing/fakes';
import FindCitizen from './FindCitizen.svelte';

function setup(card = fakeCitizenCard(), desk = fakeDeskApi()) {
  const staff = fakeStaffApi({ findCitizen: vi.fn(async () => card) });
  const onexpired = vi.fn(() => false);
  render(FindCitizen, { api: { staff, desk }, onexpired });
  return { staff, desk, onexpired };
}

async function find(query: string, purpose?: string) {
  const input = screen.getByTestId('desk-find-query');
  await userEvent.clear(input);
  await userEvent.type(input, query);
  if (purpose) await userEvent.click(screen.getByTestId(`desk-find-purpose-${purpose}`));
  await userEvent.click(screen.getByTestId('desk-find-submit'));
}

describe('Поиск гражданина', () => {
  it('finds one citizen with the purpose and shows the card', async () => {
    const card = fakeCitizenCard({
      block: fakeBlock({ reason: 'Проверка обращения', until_day: '10.12.2026' }),
      waiting_requests: [{ number: 'ЗК-2026-000003', status: 'review', deadline: '09.12.2026' }],
    });
    const { staff } = setup(card);

    await find('482-913-075', 'application_review');

    expect(staff.findCitizen).toHaveBeenCalledWith({ query: '482-913-075', purpose: 'application_review' });
    const shown = await screen.findByTestId('desk-card');
    expect(shown.dataset.account).toBe('482-913-075');
    expect(screen.getByTestId('desk-card-name').textContent).toBe('Иванов Иван Иванович');
    expect(screen.getByTestId('desk-card-birth-date').textContent).toBe('05.03.1990');
    const level = screen.getByTestId('desk-card-level');
    expect(level.textContent).toBe('Стандартная');
    expect(level.dataset.level).toBe('standard');
    expect(screen.getByTestId('desk-card-status').textContent).toBe('Активен');
    expect(screen.getByTestId('desk-card-passport').textContent).toBe('45 ** ****56');
    expect(screen.getByTestId('desk-card-snils').textContent).toBe('***-***-*** 95');
    expect(screen.getByTestId('desk-card-block').textContent).toContain('по 10.12.2026');
    expect(screen.getByTestId('desk-card-block-reason').textContent).toContain('Проверка обращения');
    const request = screen.getByTestId('desk-card-request');
    expect(request.dataset.number).toBe('ЗК-2026-000003');
    expect(request.textContent).toContain('на проверке оператора');
  });

  it('says «Гражданин не найден» for no exact match', async () => {
    const staff = fakeStaffApi();
    render(FindCitizen, { api: { staff, desk: fakeDeskApi() }, onexpired: vi.fn(() => false) });

    await find('+7 900 000-00-00', 'citizen_request');

    expect((await screen.findByTestId('desk-find-not-found')).textContent).toContain('Гражданин не найден');
    expect(screen.queryByTestId('desk-card')).toBeNull();
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });

  it('puts the core’s field errors at the query and the purpose', async () => {
    const findCitizen = vi.fn(async () => {
      throw apiError('validation', 'Исправьте ошибки в форме', [
        { field: 'identifier', code: 'citizen_query_format', message: 'Поиск: введите номер кабинета, СНИЛС или телефон' },
        { field: 'purpose', code: 'required', message: 'Цель: обязательное поле — выберите цель' },
      ]);
    });
    render(FindCitizen, { api: { staff: fakeStaffApi({ findCitizen }), desk: fakeDeskApi() }, onexpired: vi.fn(() => false) });

    await find('abc');

    expect(findCitizen).toHaveBeenCalledWith({ query: 'abc', purpose: undefined });
    expect((await screen.findByTestId('error-identifier')).textContent).toContain('номер кабинета, СНИЛС или телефон');
    expect(screen.getByTestId('error-purpose').textContent).toContain('выберите цель');
    expect(screen.getByTestId('error-summary').textContent).toContain('Поиск:');
  });

  it('hands a session’s end to the desk', async () => {
    const ended = apiError('staff_not_signed_in', 'Войдите как сотрудник');
    const onexpired = vi.fn(() => true);
    render(FindCitizen, {
      api: { staff: fakeStaffApi({ findCitizen: vi.fn(async () => Promise.reject(ended)) }), desk: fakeDeskApi() },
      onexpired,
    });

    await find('482-913-075', 'citizen_request');

    expect(onexpired).toHaveBeenCalledWith(ended);
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });

  it('starts with the account number it was opened with', () => {
    render(FindCitizen, {
      api: { staff: fakeStaffApi(), desk: fakeDeskApi() },
      query: '482-913-075',
      onexpired: vi.fn(() => false),
    });
    expect((screen.getByTestId('desk-find-query') as HTMLInputElement).value).toBe('482-913-075');
  });

  it('reads the card again with «Обновить»', async () => {
    const desk = fakeDeskApi({ card: vi.fn(async () => fakeCitizenCard({ status: 'pending_closure' })) });
    setup(fakeCitizenCard(), desk);
    await find('482-913-075', 'citizen_request');
    await userEvent.click(await screen.findByTestId('desk-card-refresh'));

    expect(desk.card).toHaveBeenCalledWith({ account_number: '482-913-075' });
    await vi.waitFor(() => expect(screen.getByTestId('desk-card-status').textContent).toBe('Ожидает закрытия'));
    expect(within(screen.getByTestId('desk-card')).getByTestId('desk-card-status').dataset.status).toBe('pending_closure');
  });
});

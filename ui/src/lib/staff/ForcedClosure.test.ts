import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ForcedApi } from '../api/types';
import { apiError, fakeForcedApi, fakeForcedCase } from '../testing/fakes';
import ForcedClosure from './ForcedClosure.svelte';

const VIOLATION = fakeForcedCase({
  number: 'ПЗ-2026-000002',
  account_number: '111-222-333',
  ground: 'rules_violation',
  ground_label: 'Нарушение правил пользования',
  stage: 'notice',
  stage_label: 'Уведомление',
  decision_number: null,
  decision_date: null,
  issuer: null,
  text: 'Рассылка рекламы',
  notice_until: '2026-12-05T20:59:59Z',
  block_until: '2026-12-15T20:59:59Z',
  execute_by: null,
  executed_at: null,
  act_number: null,
});

function show(api: ForcedApi) {
  const onopencard = vi.fn();
  render(ForcedClosure, { api, onexpired: vi.fn(() => false), onopencard });
  return onopencard;
}

describe('Принудительное закрытие', () => {
  it('lists the cases; an executed one offers its card, a violation in progress its clearing', async () => {
    const api = fakeForcedApi({ list: vi.fn(async () => ({ cases: [VIOLATION, fakeForcedCase()], blocks: [] })) });
    const onopencard = show(api);

    const [violation, court] = await screen.findAllByTestId('forced-case');
    expect(violation.dataset.number).toBe('ПЗ-2026-000002');
    expect(violation.dataset.stage).toBe('notice');
    expect(within(violation).getByTestId('forced-case-stage').textContent).toBe('Уведомление');
    expect(within(violation).queryByTestId('forced-case-act')).toBeNull();
    expect(within(court).getByTestId('forced-case-act').textContent).toBe('АКТ-2026-000001');
    expect(within(court).queryByTestId('forced-clear')).toBeNull();

    await userEvent.click(within(court).getByTestId('forced-open-card'));
    expect(onopencard).toHaveBeenCalledWith('482-913-075');

    await userEvent.click(within(violation).getByTestId('forced-clear'));
    await userEvent.click(within(violation).getByTestId('forced-clear-submit'));
    expect(within(violation).getByTestId('error-comment').textContent).toBe('Напишите, что сделано');
    await userEvent.type(within(violation).getByTestId('forced-clear-comment'), 'Рассылка прекращена');
    await userEvent.click(within(violation).getByTestId('forced-clear-submit'));
    expect(api.clear).toHaveBeenCalledWith({ account_number: '111-222-333', comment: 'Рассылка прекращена' });
    expect(await screen.findByTestId('forced-cleared')).toBeTruthy();
  });

  it('registers a court decision with its number, date and court, and shows the act to print from the card', async () => {
    const api = fakeForcedApi();
    const onopencard = show(api);

    await userEvent.type(screen.getByTestId('forced-account'), '482-913-075');
    await userEvent.click(screen.getByTestId('forced-ground-court_decision'));
    expect(screen.queryByTestId('forced-text')).toBeNull();
    await userEvent.type(screen.getByTestId('forced-decision-number'), '2-1234/2026');
    await userEvent.type(screen.getByTestId('forced-decision-date'), '20.11.2026');
    await userEvent.type(screen.getByTestId('forced-issuer'), 'Тверской районный суд г. Москвы');
    await userEvent.click(screen.getByTestId('forced-register'));

    expect(api.register).toHaveBeenCalledWith({
      account_number: '482-913-075',
      ground: 'court_decision',
      identity_checked: false,
      operator: undefined,
      decision_number: '2-1234/2026',
      decision_date: '20.11.2026',
      issuer: 'Тверской районный суд г. Москвы',
    });
    expect((await screen.findByTestId('forced-registered-number')).textContent).toBe('ПЗ-2026-000001');
    expect(screen.getByTestId('forced-registered-stage').textContent).toBe('Исполнено');
    expect(screen.getByTestId('forced-registered-act').textContent).toBe('АКТ-2026-000001');
    await userEvent.click(screen.getByTestId('forced-registered-open-card'));
    expect(onopencard).toHaveBeenCalledWith('482-913-075');
    expect(api.list).toHaveBeenCalledTimes(2);
  });

  it('asks a violation for its text and days, and a suspicious activity for the identity check', async () => {
    const api = fakeForcedApi();
    show(api);

    await userEvent.type(screen.getByTestId('forced-account'), '111-222-333');
    await userEvent.click(screen.getByTestId('forced-ground-rules_violation'));
    expect(screen.queryByTestId('forced-decision-number')).toBeNull();
    expect(screen.queryByTestId('forced-identity-checked')).toBeNull();
    await userEvent.type(screen.getByTestId('forced-text'), 'Рассылка рекламы');
    await userEvent.clear(screen.getByTestId('forced-notice-days'));
    await userEvent.type(screen.getByTestId('forced-notice-days'), '5');
    await userEvent.click(screen.getByTestId('forced-register'));
    expect(api.register).toHaveBeenLastCalledWith({
      account_number: '111-222-333',
      ground: 'rules_violation',
      identity_checked: false,
      operator: undefined,
      text: 'Рассылка рекламы',
      notice_days: 5,
      block_days: 10,
    });

    await userEvent.click(screen.getByTestId('forced-ground-suspicious_activity'));
    expect(screen.queryByTestId('forced-notice-days')).toBeNull();
    await userEvent.click(screen.getByTestId('forced-identity-checked'));
    await userEvent.click(screen.getByTestId('forced-register'));
    expect(api.register).toHaveBeenLastCalledWith({
      account_number: '111-222-333',
      ground: 'suspicious_activity',
      identity_checked: true,
      operator: undefined,
      text: 'Рассылка рекламы',
    });

    await userEvent.click(screen.getByTestId('forced-ground-rules_violation'));
    await userEvent.clear(screen.getByTestId('forced-block-days'));
    await userEvent.type(screen.getByTestId('forced-block-days'), 'десять');
    await userEvent.click(screen.getByTestId('forced-register'));
    expect(screen.getByTestId('error-block_days').textContent).toBe('Укажите число дней от 1 до 30');
    expect(api.register).toHaveBeenCalledTimes(2);
  });

  it('puts every field the core names at its field', async () => {
    const api = fakeForcedApi({
      register: vi.fn(async () => {
        throw apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'grounds', code: 'required', message: 'Основание: обязательное поле — заполните его' },
          { field: 'identity_checked', code: 'identity_not_checked', message: 'Проверка личности: подтвердите проверку личности владельца' },
        ]);
      }),
    });
    show(api);

    await userEvent.type(screen.getByTestId('forced-account'), '111-222-333');
    await userEvent.click(screen.getByTestId('forced-ground-suspicious_activity'));
    await userEvent.click(screen.getByTestId('forced-register'));

    expect((await screen.findByTestId('error-grounds')).textContent).toContain('Основание');
    expect(screen.getByTestId('error-identity_checked').textContent).toContain('проверку личности');
    expect(screen.queryByTestId('forced-registered')).toBeNull();
  });

  it('says an unknown account at the account number', async () => {
    const api = fakeForcedApi({ register: vi.fn(async () => Promise.reject(apiError('not_found', 'Кабинет не найден'))) });
    show(api);
    await userEvent.type(screen.getByTestId('forced-account'), '000-000-000');
    await userEvent.click(screen.getByTestId('forced-ground-death'));
    await userEvent.type(screen.getByTestId('forced-certificate'), 'II-МЮ 1');
    await userEvent.click(screen.getByTestId('forced-register'));

    expect((await screen.findByTestId('error-account_number')).textContent).toBe('Кабинет не найден');
  });
});

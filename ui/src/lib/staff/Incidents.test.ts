import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeIncident, fakeQueueApi } from '../testing/fakes';
import Incidents from './Incidents.svelte';

const OPEN = fakeIncident({ id: 3, account_number: '111-222-333' });
const HANDED = fakeIncident({
  id: 4,
  account_number: '482-913-075',
  outcome: 'handed_to_supervisor',
  comment: 'Нужен старший смены',
  handled_by: 'i.sidorov',
});

describe('Инциденты', () => {
  it('lists the open incidents, a handed one with its outcome', async () => {
    render(Incidents, { api: fakeQueueApi({ incidents: vi.fn(async () => [OPEN, HANDED]) }), onexpired: vi.fn(() => false) });

    const items = await screen.findAllByTestId('incident-item');
    expect(items.map((item) => item.dataset.account)).toEqual(['111-222-333', '482-913-075']);
    expect(items[0].dataset.outcome).toBe('');
    expect(within(items[0]).queryByTestId('incident-outcome')).toBeNull();
    expect(items[1].dataset.outcome).toBe('handed_to_supervisor');
    expect(within(items[1]).getByTestId('incident-outcome').textContent).toContain('Передать старшему смены (i.sidorov)');
  });

  it('records «Владелец подтвердил» with the comment', async () => {
    const queue = fakeQueueApi({ incidents: vi.fn().mockResolvedValueOnce([OPEN]).mockResolvedValueOnce([]) });
    render(Incidents, { api: queue, onexpired: vi.fn(() => false) });

    await userEvent.click(await screen.findByTestId('incident-resolve'));
    expect(screen.getByTestId('error-outcome').textContent).toBe('Выберите итог');
    await userEvent.click(screen.getByTestId('incident-outcome-owner_confirmed'));
    await userEvent.click(screen.getByTestId('incident-resolve'));
    expect(screen.getByTestId('error-comment').textContent).toBe('Напишите комментарий');
    expect(queue.resolveIncident).not.toHaveBeenCalled();

    await userEvent.type(screen.getByTestId('incident-comment'), 'Владелец подтвердил вход по телефону');
    await userEvent.click(screen.getByTestId('incident-resolve'));

    expect(queue.resolveIncident).toHaveBeenCalledWith({
      id: 3,
      outcome: 'owner_confirmed',
      comment: 'Владелец подтвердил вход по телефону',
    });
    expect((await screen.findByTestId('incident-resolved')).textContent).toContain('Владелец подтвердил');
    expect(await screen.findByTestId('incidents-empty')).toBeTruthy();
  });

  it('blocks the account through a day, the day’s refusal at its field', async () => {
    const queue = fakeQueueApi({
      incidents: vi.fn(async () => [OPEN]),
      resolveIncident: vi.fn(async () => {
        throw apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'blocked_until', code: 'date_in_past', message: 'Заблокирован до: дата уже прошла' },
        ]);
      }),
    });
    render(Incidents, { api: queue, onexpired: vi.fn(() => false) });

    await userEvent.click(await screen.findByTestId('incident-outcome-account_blocked'));
    await userEvent.type(screen.getByTestId('incident-until'), '01.01.2020');
    await userEvent.type(screen.getByTestId('incident-comment'), 'Вход с чужого устройства');
    await userEvent.click(screen.getByTestId('incident-resolve'));

    expect(queue.resolveIncident).toHaveBeenCalledWith({
      id: 3,
      outcome: 'account_blocked',
      comment: 'Вход с чужого устройства',
      until: '01.01.2020',
    });
    expect((await screen.findByTestId('error-blocked_until')).textContent).toContain('дата уже прошла');
  });
});

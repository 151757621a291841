import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeQueueApi, fakeStaffApi, fakeStaffDesk, fakeStaffView } from '../testing/fakes';
import StaffArea from './StaffArea.svelte';

const OPERATOR = ['find', 'closures', 'restorations', 'incidents', 'printing'];
const SUPERVISOR_ONLY = ['forced', 'blocks', 'audit', 'team', 'admin'];

describe('StaffArea', () => {
  it('opens an operator’s five sections only, «Поиск гражданина» first, and asks for no badge', async () => {
    const api = fakeStaffDesk();
    render(StaffArea, { api, staff: fakeStaffView({ role: 'operator' }), onsignedout: vi.fn() });

    for (const section of OPERATOR) expect(screen.getByTestId(`staff-nav-${section}`)).toBeTruthy();
    for (const section of SUPERVISOR_ONLY) expect(screen.queryByTestId(`staff-nav-${section}`)).toBeNull();
    expect(screen.getByTestId('staff-nav-find').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('page-title').textContent).toBe('Поиск гражданина');
    expect(screen.getByTestId('desk-find-form')).toBeTruthy();
    expect(screen.getByTestId('staff-role').textContent).toBe('оператор');
    expect(screen.getByTestId('staff-idle').textContent).toContain('15 минут');
    expect(api.staff.badge).not.toHaveBeenCalled();
    expect(screen.queryByTestId('staff-badge')).toBeNull();
    const order = [...screen.getByTestId('staff-nav').querySelectorAll('button')].map((button) => button.dataset.testid);
    expect(order).toEqual(OPERATOR.map((section) => `staff-nav-${section}`));
  });

  it('opens «Печать» for an operator: the day’s documents, printed as one batch', async () => {
    const api = fakeStaffDesk();
    render(StaffArea, { api, staff: fakeStaffView({ role: 'operator' }), onsignedout: vi.fn() });

    await userEvent.click(screen.getByTestId('staff-nav-printing'));
    expect(screen.getByTestId('staff-nav-printing').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('staff-nav-printing').textContent?.trim()).toBe('Печать');
    expect(screen.getByTestId('staff-section').dataset.section).toBe('printing');
    expect(screen.getByTestId('page-title').textContent).toBe('Печать за день');

    await userEvent.click(screen.getByTestId('print-day-show'));
    expect(api.printing.day).toHaveBeenCalledTimes(1);
    expect(await screen.findByTestId('print-day-empty')).toBeTruthy();
  });

  it('opens a supervisor’s sections too, with the unread count on «Закрытие кабинетов»', async () => {
    const api = fakeStaffDesk({ staff: fakeStaffApi({ badge: vi.fn(async () => 3) }) });
    render(StaffArea, { api, staff: fakeStaffView(), onsignedout: vi.fn() });

    for (const section of [...OPERATOR, ...SUPERVISOR_ONLY]) {
      expect(screen.getByTestId(`staff-nav-${section}`)).toBeTruthy();
    }
    const badge = await screen.findByTestId('staff-badge');
    expect(badge.dataset.count).toBe('3');
    expect(screen.getByTestId('staff-nav-closures').textContent).toContain('3');

    await userEvent.click(screen.getByTestId('staff-nav-team'));
    expect(screen.getByTestId('page-title').textContent).toBe('Сотрудники');
    expect(api.team.list).toHaveBeenCalled();
    await userEvent.click(screen.getByTestId('staff-nav-audit'));
    expect(screen.getByTestId('page-title').textContent).toBe('Журнал действий');
    await userEvent.click(screen.getByTestId('staff-nav-forced'));
    expect(screen.getByTestId('page-title').textContent).toBe('Принудительное закрытие');
    await userEvent.click(screen.getByTestId('staff-nav-blocks'));
    expect(screen.getByTestId('page-title').textContent).toBe('Блокировки');
    await userEvent.click(screen.getByTestId('staff-nav-incidents'));
    expect(screen.getByTestId('page-title').textContent).toBe('Инциденты');
    await userEvent.click(screen.getByTestId('staff-nav-restorations'));
    expect(screen.getByTestId('page-title').textContent).toBe('Восстановление');
    await userEvent.click(screen.getByTestId('staff-nav-printing'));
    expect(screen.getByTestId('page-title').textContent).toBe('Печать за день');
  });

  it('clears the badge once the supervisor reads the overdue reports', async () => {
    const notice = {
      id: 7,
      text: 'Просрочено заявление о закрытии № ЗК-2026-000001: срок истёк 24.11.2026',
      request_number: 'ЗК-2026-000001',
      account_number: '482-913-075',
      created_at: '2026-11-25T09:00:00Z',
      unread: true,
    };
    const api = fakeStaffDesk({
      staff: fakeStaffApi({ badge: vi.fn(async () => 1) }),
      queue: fakeQueueApi({
        notices: vi.fn(async () => ({ unread: 1, items: [notice] })),
        readNotices: vi.fn(async () => ({ unread: 0, items: [{ ...notice, unread: false }] })),
      }),
    });
    render(StaffArea, { api, staff: fakeStaffView(), onsignedout: vi.fn() });
    await screen.findByTestId('staff-badge');

    await userEvent.click(screen.getByTestId('staff-nav-closures'));
    await userEvent.click(await screen.findByTestId('queue-notices-read'));

    expect(api.queue.readNotices).toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.queryByTestId('staff-badge')).toBeNull());
    expect(screen.getByTestId('queue-notice').dataset.unread).toBe('false');
  });

  it('returns to the staff sign-in once when a section finds the session ended', async () => {
    const ended = apiError('staff_not_signed_in', 'Войдите как сотрудник');
    const api = fakeStaffDesk({
      queue: fakeQueueApi({ closures: vi.fn(async () => Promise.reject(ended)), notices: vi.fn(async () => Promise.reject(ended)) }),
    });
    const onsignedout = vi.fn();
    render(StaffArea, { api, staff: fakeStaffView({ role: 'operator' }), onsignedout });

    await userEvent.click(screen.getByTestId('staff-nav-closures'));

    await vi.waitFor(() => expect(onsignedout).toHaveBeenCalledWith('expired'));
    expect(onsignedout).toHaveBeenCalledTimes(1);
  });

  it('opens the citizen’s card search from «Открыть карточку» with the account number filled in', async () => {
    const api = fakeStaffDesk();
    api.forced.register = vi.fn(async () => ({
      number: 'ПЗ-2026-000002',
      account_number: '482-913-075',
      ground: 'death' as const,
      ground_label: 'Смерть владельца',
      stage: 'executed' as const,
      stage_label: 'Исполнено',
      decision_number: 'II-МЮ 123456',
      decision_date: null,
      issuer: null,
      text: null,
      created_at: '2026-11-25T09:00:00Z',
      notice_until: null,
      block_until: null,
      execute_by: null,
      executed_at: '2026-11-25T09:00:00Z',
      act_number: 'АКТ-2026-000002',
      cleared_at: null,
    }));
    render(StaffArea, { api, staff: fakeStaffView(), onsignedout: vi.fn() });

    await userEvent.click(screen.getByTestId('staff-nav-forced'));
    await userEvent.type(screen.getByTestId('forced-account'), '482-913-075');
    await userEvent.click(screen.getByTestId('forced-ground-death'));
    await userEvent.type(screen.getByTestId('forced-certificate'), 'II-МЮ 123456');
    await userEvent.click(screen.getByTestId('forced-register'));
    await userEvent.click(await screen.findByTestId('forced-registered-open-card'));

    expect(screen.getByTestId('page-title').textContent).toBe('Поиск гражданина');
    expect((screen.getByTestId('desk-find-query') as HTMLInputElement).value).toBe('482-913-075');
    expect(api.staff.findCitizen).not.toHaveBeenCalled();
  });
});

import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { QueueApi } from '../api/types';
import { apiError, fakeQueueApi, fakeQueueItem, fakeStaffNotice, fakeStaffNotices } from '../testing/fakes';
import ClosureQueue from './ClosureQueue.svelte';

const ITEMS = [
  fakeQueueItem({
    id: 1,
    request_number: 'ЗК-2026-000001',
    account_number: '111-222-333',
    flags: ['security_incident', 'debt_appeared'],
    flag_labels: ['Инцидент безопасности', 'Появилась задолженность'],
    due: '24.11.2026',
    working_days_left: -1,
    overdue: true,
  }),
  fakeQueueItem({ id: 2, request_number: 'ЗК-2026-000002', account_number: '482-913-075', working_days_left: 2 }),
];

function show(queue: QueueApi, supervisor = false, onbadge = vi.fn()) {
  render(ClosureQueue, { api: queue, supervisor, onexpired: vi.fn(() => false), onbadge });
  return onbadge;
}

describe('Закрытие кабинетов', () => {
  it('lists the flagged requests with their deadlines, the overdue one marked', async () => {
    show(fakeQueueApi({ closures: vi.fn(async () => ITEMS) }));

    const items = await screen.findAllByTestId('queue-item');
    expect(items.map((item) => item.dataset.request)).toEqual(['ЗК-2026-000001', 'ЗК-2026-000002']);
    expect(items[0].dataset.account).toBe('111-222-333');
    expect(items[0].dataset.overdue).toBe('true');
    const overdue = within(items[0]).getByTestId('queue-due');
    expect(overdue.dataset.overdue).toBe('true');
    expect(overdue.textContent).toContain('просрочено');
    expect(within(items[0]).getAllByTestId('queue-flag').map((flag) => flag.textContent)).toEqual([
      'Инцидент безопасности',
      'Появилась задолженность',
    ]);
    expect(within(items[0]).getByTestId('queue-reason').textContent).toContain('Неактуальность');
    const due = within(items[1]).getByTestId('queue-due');
    expect(due.dataset.overdue).toBe('false');
    expect(due.textContent).toContain('до 09.12.2026');
    expect(due.textContent).toContain('осталось 2 рабочих дня');
    expect(screen.queryByTestId('queue-notices')).toBeNull();
  });

  it('approves a request, then reloads the list and confirms', async () => {
    const queue = fakeQueueApi({ closures: vi.fn().mockResolvedValueOnce(ITEMS).mockResolvedValueOnce([ITEMS[1]]) });
    show(queue);
    const [first] = await screen.findAllByTestId('queue-item');

    await userEvent.click(within(first).getByTestId('queue-approve'));

    expect(queue.decide).toHaveBeenCalledWith({ number: 'ЗК-2026-000001', approve: true });
    expect((await screen.findByTestId('queue-decided')).textContent).toContain('ЗК-2026-000001 одобрено');
    expect(screen.getAllByTestId('queue-item')).toHaveLength(1);
    expect(queue.closures).toHaveBeenCalledTimes(2);
  });

  it('rejects only with a reason, sent as the comment', async () => {
    const queue = fakeQueueApi({ closures: vi.fn(async () => ITEMS) });
    show(queue);
    const second = (await screen.findAllByTestId('queue-item'))[1];

    await userEvent.click(within(second).getByTestId('queue-reject'));
    expect(within(second).getByTestId('error-comment').textContent).toBe('Укажите причину отказа');
    expect(queue.decide).not.toHaveBeenCalled();

    await userEvent.type(within(second).getByTestId('queue-comment'), 'Есть неоплаченная задолженность');
    await userEvent.click(within(second).getByTestId('queue-reject'));
    expect(queue.decide).toHaveBeenCalledWith({
      number: 'ЗК-2026-000002',
      approve: false,
      comment: 'Есть неоплаченная задолженность',
    });
    expect((await screen.findByTestId('queue-decided')).textContent).toContain('отклонено');
  });

  it('puts the core’s refusal of the reason at that request’s comment', async () => {
    const queue = fakeQueueApi({
      closures: vi.fn(async () => ITEMS),
      decide: vi.fn(async () => {
        throw apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'comment', code: 'too_short', message: 'Комментарий: не короче 3 символов' },
        ]);
      }),
    });
    show(queue);
    const [first, second] = await screen.findAllByTestId('queue-item');

    await userEvent.type(within(first).getByTestId('queue-comment'), 'no');
    await userEvent.click(within(first).getByTestId('queue-reject'));

    expect((await within(first).findByTestId('error-comment')).textContent).toContain('не короче 3 символов');
    expect(within(second).queryByTestId('error-comment')).toBeNull();
    expect(screen.getByTestId('error-summary').textContent).toContain('Комментарий');
  });

  it('shows a supervisor the overdue reports and marks them read', async () => {
    const unread = fakeStaffNotices([fakeStaffNotice({ id: 2 }), fakeStaffNotice({ id: 1, unread: false })]);
    const queue = fakeQueueApi({
      notices: vi.fn(async () => unread),
      readNotices: vi.fn(async () => fakeStaffNotices(unread.items.map((item) => ({ ...item, unread: false })))),
    });
    const onbadge = show(queue, true);

    const panel = await screen.findByTestId('queue-notices');
    expect(panel.textContent).toContain('Просроченные заявления');
    expect(screen.getByTestId('queue-notices-unread').textContent).toBe('Непрочитанных: 1');
    expect(screen.getAllByTestId('queue-notice').map((item) => item.dataset.unread)).toEqual(['true', 'false']);

    await userEvent.click(screen.getByTestId('queue-notices-read'));

    expect(queue.readNotices).toHaveBeenCalled();
    expect(onbadge).toHaveBeenCalledWith(0);
    await vi.waitFor(() => expect(screen.queryByTestId('queue-notices-read')).toBeNull());
  });
});

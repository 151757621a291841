import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ChannelDelivery, HistoryQuery, MessageHistory } from '../api/contract';
import { fakeNotificationsApi } from '../testing/fakes';
import MessageHistoryPage from './MessageHistoryPage.svelte';

function delivery(overrides: Partial<ChannelDelivery>): ChannelDelivery {
  return {
    channel: 'in_app',
    destination: null,
    status: 'sent',
    at: null,
    held_until: null,
    held_until_local: null,
    hold_reason: null,
    suppressed: null,
    error: null,
    next_attempt_at: null,
    attempts: [],
    summary: '',
    ...overrides,
  };
}

function message(id: number, deliveries: ChannelDelivery[]): MessageHistory {
  return { id, event: 'payment_due', title: `Срок оплаты ${id}`, created_at: '2026-11-25T09:00:00Z', deliveries };
}

const attemptAt = new Date(2026, 10, 25, 23, 0, 5).toISOString();

describe('MessageHistoryPage', () => {
  it('shows every channel with its status, reason and tries', async () => {
    const first = message(9, [
      delivery({ channel: 'in_app', summary: 'Доставлено в Кабинет' }),
      delivery({
        channel: 'desktop',
        status: 'held',
        hold_reason: 'quiet_hours',
        held_until_local: '08:00',
        summary: 'Отложено (тихие часы) до 08:00',
      }),
      delivery({
        channel: 'email',
        destination: 'anna@example.ru',
        status: 'failed',
        error: 'SMTP 550 mailbox unavailable',
        summary: 'Не доставлено: SMTP 550 mailbox unavailable',
        attempts: [{ attempt: 1, transport: 'smtp', at: attemptAt, result: 'failed', error: 'SMTP 550 mailbox unavailable' }],
      }),
      delivery({
        channel: 'sms',
        destination: '+79123456789',
        status: 'suppressed',
        suppressed: 'settings',
        summary: 'Не отправлялось: отключено в настройках',
      }),
    ]);
    const history = vi.fn(async (query: HistoryQuery) =>
      query.before === undefined
        ? { messages: [first], next_before: 9 }
        : { messages: [message(4, [delivery({ summary: 'Доставлено в Кабинет' })])], next_before: null },
    );
    render(MessageHistoryPage, { api: fakeNotificationsApi({ history }) });

    const item = await screen.findByTestId('msg-history-item');
    expect(within(item).getByTestId('msg-history-title').textContent).toBe('Срок оплаты 9');
    const rows = within(item).getAllByTestId('msg-delivery');
    expect(rows.map((r) => [r.dataset.channel, r.dataset.status])).toEqual([
      ['in_app', 'sent'],
      ['desktop', 'held'],
      ['email', 'failed'],
      ['sms', 'suppressed'],
    ]);
    expect(within(rows[1]).getByTestId('msg-delivery-status').textContent).toBe('Отложено');
    expect(within(rows[1]).getByTestId('msg-delivery-summary').textContent).toBe('Отложено (тихие часы) до 08:00');
    expect(within(rows[2]).getByTestId('msg-delivery-destination').textContent).toBe('anna@example.ru');
    const attempt = within(rows[2]).getByTestId('msg-delivery-attempt');
    expect(attempt.dataset.result).toBe('failed');
    expect(attempt.textContent).toContain('Попытка 1 · smtp');
    expect(attempt.textContent).toContain('25.11.2026 23:00:05');
    expect(within(rows[2]).getByTestId('msg-delivery-attempt-error').textContent).toBe('SMTP 550 mailbox unavailable');
    expect(within(rows[3]).getByTestId('msg-delivery-status').textContent).toBe('Не отправлялось');

    await userEvent.click(screen.getByTestId('msg-history-more'));
    expect(history).toHaveBeenLastCalledWith({ before: 9 });
    await vi.waitFor(() => expect(screen.getAllByTestId('msg-history-item')).toHaveLength(2));
    expect(screen.queryByTestId('msg-history-more')).toBeNull();
  });

  it('says so when there is nothing yet', async () => {
    render(MessageHistoryPage, { api: fakeNotificationsApi() });
    expect((await screen.findByTestId('msg-history-empty')).textContent).toBe('Сообщений пока не было.');
  });
});

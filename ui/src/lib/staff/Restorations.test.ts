import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeQueueApi, fakeQueueItem } from '../testing/fakes';
import Restorations from './Restorations.svelte';

const ITEM = fakeQueueItem({
  id: 5,
  kind: 'restoration',
  account_number: '482-913-075',
  request_number: null,
  flags: [],
  flag_labels: [],
  reason_label: null,
  working_days_left: 0,
});

describe('Восстановление', () => {
  it('restores after the passport check', async () => {
    const queue = fakeQueueApi({ restorations: vi.fn().mockResolvedValueOnce([ITEM]).mockResolvedValueOnce([]) });
    render(Restorations, { api: queue, onexpired: vi.fn(() => false) });

    const item = await screen.findByTestId('restoration-item');
    expect(item.dataset.account).toBe('482-913-075');
    expect(within(item).getByTestId('restoration-due').textContent).toContain('последний день');

    await userEvent.click(within(item).getByTestId('restoration-approve'));
    expect(within(item).getByTestId('error-passport').textContent).toBe('Введите серию и номер паспорта');
    expect(queue.restore).not.toHaveBeenCalled();

    await userEvent.type(within(item).getByTestId('restoration-passport'), '4508 123456');
    await userEvent.click(within(item).getByTestId('restoration-approve'));

    expect(queue.restore).toHaveBeenCalledWith({ account_number: '482-913-075', approve: true, passport_number: '4508 123456' });
    expect((await screen.findByTestId('restoration-decided')).textContent).toContain('482-913-075 восстановлен');
    expect(await screen.findByTestId('restorations-empty')).toBeTruthy();
  });

  it('shows the passport mismatch at the passport', async () => {
    const queue = fakeQueueApi({
      restorations: vi.fn(async () => [ITEM]),
      restore: vi.fn(async () => {
        throw apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'passport', code: 'passport_mismatch', message: 'Паспорт: не совпадает с паспортом в профиле' },
        ]);
      }),
    });
    render(Restorations, { api: queue, onexpired: vi.fn(() => false) });

    await userEvent.type(await screen.findByTestId('restoration-passport'), '4508 000000');
    await userEvent.click(screen.getByTestId('restoration-approve'));

    expect((await screen.findByTestId('error-passport')).textContent).toContain('не совпадает');
    expect(screen.getByTestId('error-summary').textContent).toContain('Паспорт');
  });

  it('rejects only with a reason', async () => {
    const queue = fakeQueueApi({ restorations: vi.fn(async () => [ITEM]) });
    render(Restorations, { api: queue, onexpired: vi.fn(() => false) });

    await userEvent.click(await screen.findByTestId('restoration-reject'));
    expect(screen.getByTestId('error-comment').textContent).toBe('Укажите причину отказа');
    await userEvent.type(screen.getByTestId('restoration-comment'), 'Паспорт не предъявлен');
    await userEvent.click(screen.getByTestId('restoration-reject'));

    expect(queue.restore).toHaveBeenCalledWith({ account_number: '482-913-075', approve: false, comment: 'Паспорт не предъявлен' });
    expect((await screen.findByTestId('restoration-decided')).textContent).toContain('отказано');
  });
});

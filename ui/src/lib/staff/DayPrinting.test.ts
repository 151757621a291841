import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Channel } from '@tauri-apps/api/core';
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchProgress, DayBatchRequest, PrintOutcome } from '../api/contract';
import { apiError, fakeDayBatchItem, fakePrintingApi, mockTauriChannels } from '../testing/fakes';
import { formatLocalDate } from '../ui/time';
import DayPrinting from './DayPrinting.svelte';

/** A batch the test drives: it reports steps and ends when told. */
function controlled<T>() {
  let report: (step: BatchProgress) => void = () => undefined;
  let settle: { resolve: (answer: T) => void; reject: (error: unknown) => void } | undefined;
  const call = vi.fn(
    (_request: DayBatchRequest, progress: Channel<BatchProgress>) =>
      new Promise<T>((resolve, reject) => {
        report = (step) => progress.onmessage(step);
        settle = { resolve, reject };
      }),
  );
  return {
    call,
    step: (step: BatchProgress) => report(step),
    finish: (answer: T) => settle?.resolve(answer),
    fail: (error: unknown) => settle?.reject(error),
  };
}

const onexpired = () => vi.fn(() => false);

async function typeDay(day: string) {
  const field = screen.getByTestId('print-day');
  await userEvent.clear(field);
  await userEvent.type(field, day);
}

describe('Печать за день', () => {
  beforeEach(mockTauriChannels);
  afterEach(clearMocks);

  it('starts with today’s date and lists the day’s documents on «Показать»', async () => {
    const api = fakePrintingApi({
      day: vi.fn(async ({ day }) => ({
        day,
        items: [
          fakeDayBatchItem(),
          fakeDayBatchItem({
            number: 'СУД-2026-000001',
            title: 'Сертификат об удалении персональных данных № СУД-2026-000001',
            kind: 'deletion_certificate',
            account_number: null,
            issued_at: '2026-11-25T10:30:00Z',
            included: false,
          }),
        ],
      })),
    });
    render(DayPrinting, { api, onexpired: onexpired() });

    expect((screen.getByTestId('print-day') as HTMLInputElement).value).toBe(formatLocalDate(new Date().toISOString()));
    await typeDay('25.11.2026');
    await userEvent.click(screen.getByTestId('print-day-show'));

    expect(api.day).toHaveBeenCalledWith({ day: '25.11.2026' });
    const items = await screen.findAllByTestId('print-day-item');
    expect(items.map((item) => item.dataset.number)).toEqual(['ПЗК-2026-000001', 'СУД-2026-000001']);
    expect(within(items[0]).getByTestId('print-day-item-title').textContent).toContain('Подтверждение закрытия');
    expect(within(items[0]).getByTestId('print-day-item-account').textContent).toBe('482-913-075');
    expect(within(items[0]).queryByTestId('print-day-item-not-kept')).toBeNull();
    expect(within(items[1]).getByTestId('print-day-item-account').textContent).toBe('—');
    expect(within(items[1]).getByTestId('print-day-item-not-kept').textContent).toBe('не хранится');
    expect(screen.getByTestId('print-day-list').textContent).toContain('Документы за 25.11.2026: 2');
    expect(screen.queryByTestId('print-day-empty')).toBeNull();
  });

  it('says when the day has no documents', async () => {
    render(DayPrinting, { api: fakePrintingApi(), onexpired: onexpired() });

    await userEvent.click(screen.getByTestId('print-day-show'));
    expect((await screen.findByTestId('print-day-empty')).textContent).toBe('За этот день документов нет');
    expect(screen.queryByTestId('print-day-item')).toBeNull();
  });

  it('shows the core’s day error at the field and in the summary', async () => {
    const api = fakePrintingApi({
      day: vi.fn(async () => {
        throw apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'day', code: 'date_in_future', message: 'День: дата не может быть в будущем' },
        ]);
      }),
    });
    render(DayPrinting, { api, onexpired: onexpired() });

    await typeDay('01.01.2099');
    await userEvent.click(screen.getByTestId('print-day-show'));

    expect((await screen.findByTestId('error-day')).textContent).toBe('День: дата не может быть в будущем');
    expect(screen.getByTestId('error-summary').textContent).toContain('дата не может быть в будущем');
    expect(screen.queryByTestId('print-day-list')).toBeNull();
  });

  it('prints the day with a progress channel, shows each step, then the outcome', async () => {
    const batch = controlled<PrintOutcome>();
    const api = fakePrintingApi({ printDay: batch.call });
    render(DayPrinting, { api, onexpired: onexpired() });

    await typeDay('25.11.2026');
    await userEvent.click(screen.getByTestId('print-day-print'));
    expect(api.printDay).toHaveBeenCalledTimes(1);
    const [request, channel] = batch.call.mock.calls[0];
    expect(request).toEqual({ day: '25.11.2026' });
    expect(typeof channel.onmessage).toBe('function');

    const progress = await screen.findByTestId('print-day-progress');
    expect(screen.getByTestId('print-day-progress-text').textContent).toBe('Готовим реестр документов…');
    expect((screen.getByTestId('print-day-print') as HTMLButtonElement).disabled).toBe(true);

    batch.step({ done: 3, total: 12 });
    await vi.waitFor(() => expect(progress.dataset.done).toBe('3'));
    expect(progress.dataset.total).toBe('12');
    expect(screen.getByTestId('print-day-progress-text').textContent).toBe('Документов в пакете: 3 из 12');
    expect(Number(progress.querySelector('progress')?.value)).toBe(3);

    batch.finish('sent');
    const outcome = await screen.findByTestId('print-day-outcome');
    expect(outcome.dataset.outcome).toBe('sent');
    expect(outcome.textContent).toContain('Пакет за 25.11.2026 отправлен на печать');
    expect(screen.queryByTestId('print-day-progress')).toBeNull();
    expect((screen.getByTestId('print-day-print') as HTMLButtonElement).disabled).toBe(false);
  });

  it('«Отменить» asks the core to stop; the batch ends as cancelled', async () => {
    const batch = controlled<PrintOutcome>();
    const api = fakePrintingApi({ printDay: batch.call });
    render(DayPrinting, { api, onexpired: onexpired() });

    await userEvent.click(screen.getByTestId('print-day-print'));
    batch.step({ done: 1, total: 40 });
    await userEvent.click(await screen.findByTestId('print-day-cancel'));
    expect(api.cancel).toHaveBeenCalledTimes(1);
    expect((screen.getByTestId('print-day-cancel') as HTMLButtonElement).disabled).toBe(true);

    batch.finish('cancelled');
    const outcome = await screen.findByTestId('print-day-outcome');
    expect(outcome.dataset.outcome).toBe('cancelled');
    expect(outcome.textContent).toContain('не напечатан');
    expect(screen.queryByTestId('print-day-progress')).toBeNull();
  });

  it('shows the viewer outcome where there is no print dialog', async () => {
    render(DayPrinting, {
      api: fakePrintingApi({ printDay: vi.fn(async () => 'opened_in_viewer' as const) }),
      onexpired: onexpired(),
    });

    await userEvent.click(screen.getByTestId('print-day-print'));
    const outcome = await screen.findByTestId('print-day-outcome');
    expect(outcome.dataset.outcome).toBe('opened_in_viewer');
    expect(outcome.textContent).toContain('программе просмотра');
  });

  it('a day refused when printing is shown at the field', async () => {
    const api = fakePrintingApi({
      printDay: vi.fn(async () => {
        throw apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'day', code: 'date_format', message: 'День: введите дату в формате ДД.ММ.ГГГГ' },
        ]);
      }),
    });
    render(DayPrinting, { api, onexpired: onexpired() });

    await typeDay('32.13.2026');
    await userEvent.click(screen.getByTestId('print-day-print'));
    expect((await screen.findByTestId('error-day')).textContent).toBe('День: введите дату в формате ДД.ММ.ГГГГ');
    expect(screen.queryByTestId('print-day-outcome')).toBeNull();
  });

  it('«Сохранить как…» shows the saved path, and nothing when the dialog was closed', async () => {
    const saveDay = vi
      .fn()
      .mockResolvedValueOnce('/home/operator/Документы за день 25.11.2026.pdf')
      .mockResolvedValueOnce(null);
    const api = fakePrintingApi({ saveDay });
    render(DayPrinting, { api, onexpired: onexpired() });

    await typeDay('25.11.2026');
    await userEvent.click(screen.getByTestId('print-day-save'));
    expect(saveDay).toHaveBeenCalledWith({ day: '25.11.2026' }, expect.objectContaining({ onmessage: expect.any(Function) }));
    expect((await screen.findByTestId('print-day-saved-path')).textContent).toBe(
      '/home/operator/Документы за день 25.11.2026.pdf',
    );

    await userEvent.click(screen.getByTestId('print-day-save'));
    await vi.waitFor(() => expect(saveDay).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(screen.queryByTestId('print-day-saved')).toBeNull());
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });

  it('leaving the section while the batch is composed cancels it', async () => {
    const batch = controlled<string | null>();
    const api = fakePrintingApi({ saveDay: batch.call });
    const { unmount } = render(DayPrinting, { api, onexpired: onexpired() });

    await userEvent.click(screen.getByTestId('print-day-save'));
    await screen.findByTestId('print-day-progress');
    unmount();
    expect(api.cancel).toHaveBeenCalledTimes(1);
  });

  it('hands an ended staff session to the desk', async () => {
    const ended = apiError('staff_not_signed_in', 'Войдите как сотрудник');
    const expired = vi.fn(() => true);
    render(DayPrinting, { api: fakePrintingApi({ day: vi.fn(async () => Promise.reject(ended)) }), onexpired: expired });

    await userEvent.click(screen.getByTestId('print-day-show'));
    await vi.waitFor(() => expect(expired).toHaveBeenCalledWith(ended));
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });
});

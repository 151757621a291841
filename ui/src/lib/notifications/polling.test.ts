import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeDesktop, fakeNotificationsApi } from '../testing/fakes';
import { every, showDesktop } from './polling';

afterEach(() => vi.useRealTimers());

describe('polling', () => {
  it('runs at once and then every period, never two ticks at the same time', async () => {
    vi.useFakeTimers();
    let release: () => void = () => undefined;
    const tick = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const stop = every(1000, tick);
    expect(tick).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(2500);
    expect(tick).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(tick).toHaveBeenCalledTimes(2);

    stop();
    release();
    await vi.advanceTimersByTimeAsync(5000);
    expect(tick).toHaveBeenCalledTimes(2);
  });

  it('keeps going after a failed tick', async () => {
    vi.useFakeTimers();
    const tick = vi.fn(async () => {
      throw new Error('not signed in');
    });
    const stop = every(1000, tick);
    await vi.advanceTimersByTimeAsync(2000);
    expect(tick).toHaveBeenCalledTimes(3);
    stop();
  });

  it('shows every desktop notification the core hands over', async () => {
    const api = fakeNotificationsApi({
      takeDesktop: vi.fn(async () => [
        { id: 1, event: 'security' as const, title: 'Пароль изменён', body: 'Пароль вашего кабинета изменён.' },
        { id: 2, event: 'payment_due' as const, title: 'Срок оплаты', body: 'Оплатите до 1 декабря.' },
      ]),
    });
    const desktop = fakeDesktop({ show: vi.fn(async () => false) });

    expect(await showDesktop(api, desktop)).toBe(2);
    expect(desktop.show).toHaveBeenNthCalledWith(1, 'Пароль изменён', 'Пароль вашего кабинета изменён.');
    expect(desktop.show).toHaveBeenNthCalledWith(2, 'Срок оплаты', 'Оплатите до 1 декабря.');
    expect(await showDesktop(fakeNotificationsApi(), desktop)).toBe(0);
  });
});

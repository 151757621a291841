import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer } from './idle';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(new Date('2026-11-25T08:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('IdleTimer', () => {
  it('fires after the set minutes without activity, and activity postpones it', () => {
    const onidle = vi.fn();
    const target = new EventTarget();
    const timer = new IdleTimer({ minutes: 2, onidle });
    timer.start(target);

    vi.advanceTimersByTime(119_000);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(119_000);
    expect(onidle).not.toHaveBeenCalled();

    vi.advanceTimersByTime(2_000);
    expect(onidle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600_000);
    expect(onidle).toHaveBeenCalledTimes(1);
  });

  it('follows a new setting and reports activity at most once a minute', () => {
    const onidle = vi.fn();
    const onactive = vi.fn();
    const target = new EventTarget();
    const timer = new IdleTimer({ minutes: 15, onidle, onactive });
    timer.start(target);
    timer.setMinutes(1);

    for (let second = 0; second < 55; second += 5) {
      target.dispatchEvent(new Event('pointermove'));
      vi.advanceTimersByTime(5_000);
    }
    expect(onactive).toHaveBeenCalledTimes(0);
    target.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(6_000);
    expect(onactive).toHaveBeenCalledTimes(1);
    expect(onidle).not.toHaveBeenCalled();

    vi.advanceTimersByTime(60_000);
    expect(onidle).toHaveBeenCalledTimes(1);
    timer.stop();
  });
});

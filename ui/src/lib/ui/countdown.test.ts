import { describe, expect, it } from 'vitest';
import { formatLocalTime } from './time';
import { formatCountdown, secondsUntil } from './countdown';

describe('formatCountdown', () => {
  it('shows minutes and two-digit seconds', () => {
    expect(formatCountdown(59)).toBe('0:59');
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(245)).toBe('4:05');
    expect(formatCountdown(3600)).toBe('60:00');
  });

  it('never goes below zero and drops fractions', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5)).toBe('0:00');
    expect(formatCountdown(9.9)).toBe('0:09');
  });
});

describe('secondsUntil', () => {
  const now = Date.parse('2026-11-25T08:00:00Z');

  it('rounds a part of a second up, so the button is not enabled early', () => {
    expect(secondsUntil('2026-11-25T08:01:00Z', now)).toBe(60);
    expect(secondsUntil('2026-11-25T08:00:00.200Z', now)).toBe(1);
  });

  it('is zero once the moment has passed or for a bad timestamp', () => {
    expect(secondsUntil('2026-11-25T07:59:00Z', now)).toBe(0);
    expect(secondsUntil('not a time', now)).toBe(0);
  });
});

describe('formatLocalTime', () => {
  it('shows HH:MM:SS in the local time zone', () => {
    const at = new Date(2026, 10, 25, 9, 5, 7);
    expect(formatLocalTime(at.toISOString())).toBe('09:05:07');
  });
});

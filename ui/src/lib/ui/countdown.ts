/** Whole seconds from `nowMs` until `untilTimestamp`, never negative; 0 for a bad timestamp. */
export function secondsUntil(untilTimestamp: string, nowMs: number): number {
  const until = Date.parse(untilTimestamp);
  if (Number.isNaN(until)) return 0;
  return Math.max(0, Math.ceil((until - nowMs) / 1000));
}

/** «0:59», «4:05», «61:00»: minutes, then two-digit seconds. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${minutes}:${String(rest).padStart(2, '0')}`;
}

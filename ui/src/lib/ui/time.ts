function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** HH:MM:SS in the machine's local time; the input as given if it is not a timestamp. */
export function formatLocalTime(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** ДД.ММ.ГГГГ HH:MM:SS in the machine's local time. */
export function formatLocalDateTime(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return `${formatLocalDate(timestamp)} ${formatLocalTime(timestamp)}`;
}

/** ДД.ММ.ГГГГ in the machine's local time. */
export function formatLocalDate(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()}`;
}

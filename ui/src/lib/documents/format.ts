import { t } from '../i18n/i18n.svelte';

/** «88 КБ», «1,4 МБ»: the size of a file as a person reads it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return t('documents.size_bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('documents.size_kb', { n: Math.round(bytes / 1024) });
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  return t('documents.size_mb', { n: mb.replace('.', t('documents.decimal_separator')) });
}

const MSK_OFFSET_MS = 3 * 60 * 60 * 1000;
const pad = (value: number) => String(value).padStart(2, '0');

/** «25.11.2026 14:27 МСК»: an issue time as the document itself prints it (Moscow time, UTC+3). */
export function formatMoscow(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const msk = new Date(date.getTime() + MSK_OFFSET_MS);
  const day = `${pad(msk.getUTCDate())}.${pad(msk.getUTCMonth() + 1)}.${msk.getUTCFullYear()}`;
  return t('documents.moscow_time', { time: `${day} ${pad(msk.getUTCHours())}:${pad(msk.getUTCMinutes())}` });
}

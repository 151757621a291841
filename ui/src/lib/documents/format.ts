import { t } from '../i18n/i18n.svelte';

/** «88 КБ», «1,4 МБ»: the size of a file as a person reads it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return t('documents.size_bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('documents.size_kb', { n: Math.round(bytes / 1024) });
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  return t('documents.size_mb', { n: mb.replace('.', t('documents.decimal_separator')) });
}

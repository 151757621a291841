import type { ExportProgress } from '../api/contract';
import { i18n, t } from '../i18n/i18n.svelte';

const KIB = 1024;
const MIB = 1024 * 1024;

/** «из 21 файла», «из 40 файлов»: the count after «из» agrees with the total. */
function files(step: ExportProgress): string {
  const form = new Intl.PluralRules(i18n.locale).select(step.total) === 'one' ? 'one' : 'other';
  return t(form === 'one' ? 'exports.files_of_one' : 'exports.files_of_other', { done: step.done, total: step.total });
}

/** Both amounts in the unit of the total: «3,1 из 9,8 МБ» or «45 из 120 КБ». */
function bytes(step: ExportProgress): string {
  if (step.bytes_total < MIB) {
    const kb = (value: number) => Math.ceil(value / KIB);
    return t('exports.bytes_of_kb', { done: kb(step.bytes_done), total: kb(step.bytes_total) });
  }
  const mb = (value: number) => (value / MIB).toFixed(1).replace('.', t('documents.decimal_separator'));
  return t('exports.bytes_of_mb', { done: mb(step.bytes_done), total: mb(step.bytes_total) });
}

/** «12 из 40 файлов, 3,1 из 9,8 МБ». */
export function describeProgress(step: ExportProgress): string {
  return t('exports.progress', { files: files(step), bytes: bytes(step) });
}

/** How much is written, 0…1, by bytes (by files when there are no bytes to count). */
export function fraction(step: ExportProgress): number {
  if (step.bytes_total > 0) return Math.min(1, step.bytes_done / step.bytes_total);
  return step.total > 0 ? Math.min(1, step.done / step.total) : 0;
}

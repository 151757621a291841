import type { ScanKind, UploadInfo } from '../api/contract';
import type { ChosenFile } from '../api/types';
import { i18n, t } from '../i18n/i18n.svelte';

/**
 * The core refuses files over 10 MiB; reading one byte more than that is enough for it to say
 * so, and spares the webview from reading a huge file whole. The core alone judges the file.
 */
export const READ_LIMIT = 10 * 1024 * 1024 + 1;

/** The chosen file's name and at most its first {@link READ_LIMIT} bytes. */
export async function readChosen(file: File): Promise<ChosenFile> {
  return { name: file.name, bytes: new Uint8Array(await file.slice(0, READ_LIMIT).arrayBuffer()) };
}

const FORMAT_NAMES: Record<ScanKind, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG' };

/** «PNG, 121 КБ» or «PDF, 2,4 МБ». */
export function describe(upload: Pick<UploadInfo, 'format' | 'size'>): string {
  const format = FORMAT_NAMES[upload.format];
  const kib = upload.size / 1024;
  if (kib < 1024) return t('scans.format_kb', { format, size: Math.max(1, Math.round(kib)) });
  const mib = (kib / 1024).toFixed(1);
  return t('scans.format_mb', { format, size: i18n.locale === 'ru' ? mib.replace('.', ',') : mib });
}

/** A `data:` address of the bytes (allowed by the CSP's `img-src data:`). */
export function dataUrl(bytes: ArrayBuffer, type: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(new Blob([bytes], { type }));
  });
}

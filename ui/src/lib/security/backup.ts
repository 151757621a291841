import type { BackupCodes } from '../api/contract';
import { t } from '../i18n/i18n.svelte';
import { formatLocalDateTime } from '../ui/time';

/** The text of the downloaded file: what the codes are for, when issued, one code a line. */
export function backupCodesText(codes: BackupCodes, accountNumber: string): string {
  return [
    t('backup.file_title'),
    t('backup.file_account', { number: accountNumber }),
    t('backup.file_issued', { time: formatLocalDateTime(codes.issued_at) }),
    '',
    ...codes.codes,
    '',
    t('backup.file_rules'),
    '',
  ].join('\n');
}

/** `kabinet-backup-codes-2026-11-25.txt`, by the local date of issue. */
export function backupCodesFilename(codes: BackupCodes): string {
  const date = new Date(codes.issued_at);
  if (Number.isNaN(date.getTime())) return 'kabinet-backup-codes.txt';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `kabinet-backup-codes-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.txt`;
}

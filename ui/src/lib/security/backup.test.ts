import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import BackupCodesView from './BackupCodesView.svelte';
import { backupCodesFilename, backupCodesText } from './backup';

const issued = new Date(2026, 10, 25, 9, 5, 7);
const codes = { codes: ['ABCD-EFGH', 'JKMN-PQRS', '2345-6789'], issued_at: issued.toISOString() };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('backup codes', () => {
  it('are written to the file one a line, with what they are for', () => {
    expect(backupCodesText(codes, '482-913-075')).toBe(
      [
        'Резервные коды для входа в Кабинет',
        'Номер личного кабинета: 482-913-075',
        'Выданы: 25.11.2026 09:05:07',
        '',
        'ABCD-EFGH',
        'JKMN-PQRS',
        '2345-6789',
        '',
        'Каждый код действует один раз. Храните коды так же надёжно, как пароль.',
        '',
      ].join('\n'),
    );
    expect(backupCodesFilename(codes)).toBe('kabinet-backup-codes-2026-11-25.txt');
  });

  it('are shown each in its own element and downloaded as a text Blob through <a download>', async () => {
    const blobs: Blob[] = [];
    const links: HTMLAnchorElement[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:kabinet/1';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      links.push(this);
    });
    const ondone = vi.fn();
    render(BackupCodesView, { codes, accountNumber: '482-913-075', ondone });

    expect(screen.getAllByTestId('backup-code').map((el) => el.textContent)).toEqual(codes.codes);

    await userEvent.click(screen.getByTestId('backup-codes-download'));
    expect(links).toHaveLength(1);
    expect(links[0].download).toBe('kabinet-backup-codes-2026-11-25.txt');
    expect(links[0].href).toBe('blob:kabinet/1');
    expect(blobs[0].type).toBe('text/plain;charset=utf-8');
    expect(await blobs[0].text()).toBe(backupCodesText(codes, '482-913-075'));

    await userEvent.click(screen.getByTestId('backup-codes-done'));
    expect(ondone).toHaveBeenCalled();
  });
});

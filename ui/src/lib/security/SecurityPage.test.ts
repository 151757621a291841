import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RecoveryReadiness } from '../api/contract';
import { apiError, fakeSecurityApi } from '../testing/fakes';
import SecurityPage from './SecurityPage.svelte';

const on: RecoveryReadiness = {
  phone_confirmed: true,
  email_confirmed: false,
  second_factor: 'totp',
  second_factor_last_used: '2026-11-25T08:00:00Z',
  backup_codes_left: 9,
  backup_code_last_used: null,
  password_changed_at: '2026-11-01T08:00:00Z',
};

function props(api = fakeSecurityApi()) {
  return { api, accountNumber: '482-913-075', onidle: vi.fn(), onnotme: vi.fn() };
}

describe('SecurityPage', () => {
  it('sets up TOTP: QR, manual key, code, then the backup codes once', async () => {
    const api = fakeSecurityApi();
    render(SecurityPage, props(api));

    expect((await screen.findByTestId('readiness-backup-left')).textContent).toBe('0');
    expect(screen.getByTestId('readiness-second-factor').textContent).toBe('Не подключён');
    await userEvent.click(screen.getByTestId('totp-start'));

    expect(await screen.findByTestId('totp-qr')).toBeTruthy();
    expect(screen.getByTestId('totp-manual-key').textContent).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
    await userEvent.type(screen.getByTestId('totp-code'), '287082');
    await userEvent.click(screen.getByTestId('totp-confirm'));

    expect(await screen.findByTestId('backup-codes')).toBeTruthy();
    expect(screen.getAllByTestId('backup-code')).toHaveLength(10);
    expect(api.totpEnable).toHaveBeenCalledWith({ code: '287082' });
    expect(api.readiness).toHaveBeenCalledTimes(2);

    await userEvent.click(screen.getByTestId('backup-codes-done'));
    expect(screen.queryByTestId('backup-codes')).toBeNull();
  });

  it('turns the factor off with the password and a code, errors at the fields of that form', async () => {
    const api = fakeSecurityApi({
      readiness: vi.fn(async () => on),
      disableSecondFactor: vi.fn(async () =>
        Promise.reject(
          apiError('validation', 'Исправьте ошибки в форме', [
            { field: 'password', code: 'password_wrong', message: 'Пароль: неверный пароль' },
          ]),
        ),
      ),
    });
    render(SecurityPage, props(api));

    expect((await screen.findByTestId('readiness-backup-left')).textContent).toBe('9');
    expect(screen.getByTestId('backup-codes-renew')).toBeTruthy();
    await userEvent.click(screen.getByTestId('second-factor-disable'));
    await userEvent.type(screen.getByTestId('disable-password'), 'wrong');
    await userEvent.type(screen.getByTestId('disable-code'), '123456');
    await userEvent.click(screen.getByTestId('disable-submit'));

    const link = await screen.findByTestId('error-summary-password');
    expect(link.getAttribute('href')).toBe('#field-disable-password');
    expect(screen.getByTestId('disable-password').id).toBe('field-disable-password');
    expect(screen.getByTestId('change-password').id).toBe('field-change-password');
    expect(screen.getAllByTestId('error-password')).toHaveLength(1);
    expect(api.disableSecondFactor).toHaveBeenCalledWith({ password: 'wrong', code: '123456' });
  });

  it('renews the backup codes only with a code of the factor, a wrong one shown at its field', async () => {
    const renewBackupCodes = vi
      .fn()
      .mockRejectedValueOnce(
        apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'code', code: 'code_wrong', message: 'Код: неверный код' },
        ]),
      )
      .mockResolvedValueOnce({
        codes: Array.from({ length: 10 }, (_, i) => `ABC${i}-EFGH`),
        issued_at: '2026-11-25T08:00:00Z',
      });
    const api = fakeSecurityApi({ readiness: vi.fn(async () => on), renewBackupCodes });
    render(SecurityPage, props(api));

    await userEvent.click(await screen.findByTestId('backup-codes-renew'));
    expect(api.renewBackupCodes).not.toHaveBeenCalled();
    await userEvent.type(screen.getByTestId('renew-code'), '000000');
    await userEvent.click(screen.getByTestId('renew-submit'));
    expect(await screen.findByTestId('error-summary-code')).toBeTruthy();
    expect(api.renewBackupCodes).toHaveBeenCalledWith({ code: '000000' });

    await userEvent.clear(screen.getByTestId('renew-code'));
    await userEvent.type(screen.getByTestId('renew-code'), 'JKMN-PQRS');
    await userEvent.click(screen.getByTestId('renew-submit'));
    expect(await screen.findByTestId('backup-codes')).toBeTruthy();
    expect(api.renewBackupCodes).toHaveBeenLastCalledWith({ code: 'JKMN-PQRS' });
  });

  it('saves the idle timeout, refusing what is not a number', async () => {
    const p = props();
    render(SecurityPage, p);
    const field = (await screen.findByTestId('idle-minutes')) as HTMLInputElement;
    await vi.waitFor(() => expect(field.value).toBe('15'));

    await userEvent.clear(field);
    await userEvent.type(field, 'десять');
    await userEvent.click(screen.getByTestId('idle-save'));
    expect((await screen.findByTestId('error-idle_minutes')).textContent).toContain('целое число');
    expect(p.api.setSettings).not.toHaveBeenCalled();

    await userEvent.clear(field);
    await userEvent.type(field, '30');
    await userEvent.click(screen.getByTestId('idle-save'));
    expect(p.api.setSettings).toHaveBeenCalledWith({ idle_minutes: 30 });
    expect(p.onidle).toHaveBeenCalledWith(30);
    expect(screen.getByTestId('idle-saved').textContent).toContain('30');
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });
});

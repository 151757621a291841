import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeStaffApi, fakeStaffView } from '../testing/fakes';
import StaffSignIn from './StaffSignIn.svelte';

async function fill(login: string, password: string, code: string) {
  for (const [id, value] of [
    ['staff-signin-login', login],
    ['staff-signin-password', password],
    ['staff-signin-code', code],
  ]) {
    const input = screen.getByTestId(id);
    await userEvent.clear(input);
    if (value) await userEvent.type(input, value);
  }
  await userEvent.click(screen.getByTestId('staff-signin-submit'));
}

describe('StaffSignIn', () => {
  it('sends login, password and code together and hands the staff member on', async () => {
    const api = fakeStaffApi();
    const onsignedin = vi.fn();
    render(StaffSignIn, { api, onsignedin, oncancel: vi.fn() });

    await fill('a.petrova', 'Vx7#kQ2!mTz', '123456');

    expect(api.signIn).toHaveBeenCalledWith({ login: 'a.petrova', password: 'Vx7#kQ2!mTz', code: '123456' });
    expect(onsignedin).toHaveBeenCalledWith(fakeStaffView());
  });

  it('puts the core’s field errors at their fields and in the summary', async () => {
    const signIn = vi.fn(async () => {
      throw apiError('validation', 'Исправьте ошибки в форме', [
        { field: 'login', code: 'required', message: 'Логин: обязательное поле — заполните его' },
        { field: 'totp_code', code: 'totp_format', message: 'Код из приложения: код — 6 цифр из приложения-аутентификатора' },
      ]);
    });
    render(StaffSignIn, { api: fakeStaffApi({ signIn }), onsignedin: vi.fn(), oncancel: vi.fn() });

    await fill('', 'x', '12');

    expect(await screen.findByTestId('error-summary')).toBeTruthy();
    expect(screen.getByTestId('error-login').textContent).toContain('Логин: обязательное поле');
    expect(screen.getByTestId('error-totp_code').textContent).toContain('6 цифр');
    expect(screen.queryByTestId('error-password')).toBeNull();
  });

  it('shows the lock with its end and empties the code after a wrong answer', async () => {
    const signIn = vi
      .fn()
      .mockRejectedValueOnce(apiError('invalid_credentials', 'Неверный логин, пароль или код'))
      .mockRejectedValueOnce(
        apiError('locked', 'Пароль или код введены неверно 3 раза подряд.', [], { retry_at: '2026-11-25T09:15:00Z' }),
      );
    render(StaffSignIn, { api: fakeStaffApi({ signIn }), onsignedin: vi.fn(), oncancel: vi.fn() });

    await fill('a.petrova', 'Wrong#Pass9x', '000000');
    expect((await screen.findByTestId('error-summary-message')).textContent).toBe('Неверный логин, пароль или код');
    expect((screen.getByTestId('staff-signin-code') as HTMLInputElement).value).toBe('');

    await fill('a.petrova', 'Wrong#Pass9x', '000000');
    expect(await screen.findByTestId('signin-locked')).toBeTruthy();
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });

  it('says why it is shown again and leads back to the citizens’ sign-in', async () => {
    const oncancel = vi.fn();
    render(StaffSignIn, { api: fakeStaffApi(), notice: 'expired', onsignedin: vi.fn(), oncancel });

    expect(screen.getByTestId('staff-notice-expired').textContent).toContain('Сеанс сотрудника завершён');
    await userEvent.click(screen.getByTestId('staff-signin-back'));
    expect(oncancel).toHaveBeenCalled();
  });
});

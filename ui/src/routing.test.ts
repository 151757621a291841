import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { Api } from './lib/api/types';
import { apiError, fakeApi, fakeRecoveryApi, fakeSecurityApi, fakeSession, fakeSessionApi } from './lib/testing/fakes';

async function signInWith(api: Api) {
  render(App, { api });
  await userEvent.type(await screen.findByTestId('signin-identifier'), '+79123456789');
  await userEvent.type(screen.getByTestId('signin-password'), 'Zq8#mW2!rLp');
  await userEvent.click(screen.getByTestId('signin-submit'));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('routing after sign-in', () => {
  it('opens the account with its navigation for signed_in', async () => {
    const api = fakeApi({
      session: fakeSessionApi({ signIn: vi.fn(async () => ({ step: 'signed_in' as const, session: fakeSession() })) }),
    });
    await signInWith(api);

    expect(await screen.findByTestId('home')).toBeTruthy();
    for (const id of ['nav-home', 'nav-security', 'nav-sessions', 'nav-journal', 'signout']) {
      expect(screen.getByTestId(id)).toBeTruthy();
    }
    expect(screen.getByTestId('nav-home').getAttribute('aria-current')).toBe('page');
    expect(api.security.settings).toHaveBeenCalled();
  });

  it('asks for the second factor for second_factor, then opens the account', async () => {
    const api = fakeApi({
      session: fakeSessionApi({
        signIn: vi.fn(async () => ({
          step: 'second_factor' as const,
          challenge: 'ch-1',
          method: 'totp' as const,
          destination: null,
        })),
      }),
    });
    await signInWith(api);

    expect((await screen.findByTestId('page-title')).textContent).toBe('Подтверждение входа');
    expect(screen.queryByTestId('home')).toBeNull();
    await userEvent.type(screen.getByTestId('second-factor-code'), '123456');
    await userEvent.click(screen.getByTestId('second-factor-submit'));

    expect(await screen.findByTestId('home')).toBeTruthy();
    expect(api.session.secondFactor).toHaveBeenCalledWith({ challenge: 'ch-1', code: '123456' });
  });

  it('returns to sign-in with the reason when the challenge is over', async () => {
    const api = fakeApi({
      session: fakeSessionApi({
        signIn: vi.fn(async () => ({
          step: 'second_factor' as const,
          challenge: 'ch-1',
          method: 'sms' as const,
          destination: '+79123456789',
        })),
        secondFactor: vi.fn(async () =>
          Promise.reject(apiError('challenge_expired', 'Время на подтверждение входа истекло — войдите снова')),
        ),
      }),
    });
    await signInWith(api);
    await userEvent.type(await screen.findByTestId('second-factor-code'), '111111');
    await userEvent.click(screen.getByTestId('second-factor-submit'));

    expect((await screen.findByTestId('error-summary-message')).textContent).toContain('войдите снова');
    expect((screen.getByTestId('signin-identifier') as HTMLInputElement).value).toBe('+79123456789');
  });

  it('allows only the password change when the password must be changed', async () => {
    const restricted = fakeSession({ password_change_required: true });
    const api = fakeApi({
      session: fakeSessionApi({
        signIn: vi.fn(async () => ({ step: 'signed_in' as const, session: restricted })),
        current: vi.fn().mockResolvedValueOnce(null).mockResolvedValue(fakeSession()),
      }),
    });
    await signInWith(api);

    expect(await screen.findByTestId('password-expired')).toBeTruthy();
    expect(screen.queryByTestId('nav-security')).toBeNull();
    expect(screen.queryByTestId('home')).toBeNull();
    expect(screen.getByTestId('signout')).toBeTruthy();

    await userEvent.type(screen.getByTestId('change-current-password'), 'Old#Pass123');
    await userEvent.type(screen.getByTestId('change-password'), 'Nq5$tRv8wKz');
    await userEvent.type(screen.getByTestId('change-password-repeat'), 'Nq5$tRv8wKz');
    await userEvent.click(screen.getByTestId('change-password-submit'));

    expect(await screen.findByTestId('home')).toBeTruthy();
    expect(screen.getByTestId('change-password-done')).toBeTruthy();
    expect(api.security.changePassword).toHaveBeenCalledWith({
      current_password: 'Old#Pass123',
      password: 'Nq5$tRv8wKz',
      password_repeat: 'Nq5$tRv8wKz',
    });
  });

  it('opens the password change for a restricted current session and when the core demands it', async () => {
    const api = fakeApi({
      session: fakeSessionApi({ current: vi.fn(async () => fakeSession({ password_change_required: true })) }),
    });
    render(App, { api });
    expect(await screen.findByTestId('password-expired')).toBeTruthy();

    const later = fakeApi({
      session: fakeSessionApi({ current: vi.fn(async () => fakeSession()) }),
      security: fakeSecurityApi({
        readiness: vi.fn(async () => Promise.reject(apiError('password_change_required', 'Срок действия пароля истёк'))),
      }),
    });
    document.body.innerHTML = '';
    render(App, { api: later });
    await userEvent.click(await screen.findByTestId('nav-security'));
    expect(await screen.findByTestId('password-expired')).toBeTruthy();
  });

  it('reminds of a password that expires soon', async () => {
    const api = fakeApi({
      session: fakeSessionApi({ current: vi.fn(async () => fakeSession({ password_expires_soon: true })) }),
    });
    render(App, { api });
    expect((await screen.findByTestId('password-expiry-reminder')).textContent).toContain('23.02.2027');
    await userEvent.click(screen.getByTestId('password-expiry-change'));
    expect(await screen.findByTestId('security')).toBeTruthy();
  });
});

describe('the signed-in area', () => {
  it('asks for the password again and repeats the action', async () => {
    const totpBegin = vi
      .fn()
      .mockRejectedValueOnce(apiError('reauthentication_required', 'Для этого действия введите пароль ещё раз'))
      .mockResolvedValueOnce({
        manual_key: 'GEZD GNBV GY3T QOJQ',
        uri: 'otpauth://totp/x',
        qr_svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
      });
    const api = fakeApi({
      session: fakeSessionApi({ current: vi.fn(async () => fakeSession()) }),
      security: fakeSecurityApi({ totpBegin }),
    });
    render(App, { api });
    await userEvent.click(await screen.findByTestId('nav-security'));
    await userEvent.click(await screen.findByTestId('totp-start'));

    await userEvent.type(await screen.findByTestId('reauth-password'), 'Zq8#mW2!rLp');
    await userEvent.click(screen.getByTestId('reauth-submit'));

    const qr = (await screen.findByTestId('totp-qr')) as HTMLImageElement;
    expect(qr.alt).toBe('QR-код для приложения');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(screen.getByTestId('totp-manual-key').textContent).toBe('GEZD GNBV GY3T QOJQ');
    expect(api.security.reauthenticate).toHaveBeenCalledWith({ password: 'Zq8#mW2!rLp' });
    expect(totpBegin).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('reauth')).toBeNull();
  });

  it('signs out after the idle minutes from the core and says why', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const api = fakeApi({
      session: fakeSessionApi({ current: vi.fn(async () => fakeSession()) }),
      security: fakeSecurityApi({ settings: vi.fn(async () => ({ idle_minutes: 2 })) }),
    });
    render(App, { api });
    await vi.waitFor(() => expect(screen.getByTestId('home')).toBeTruthy());
    await vi.advanceTimersByTimeAsync(100_000);
    expect(api.session.signOut).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(21_000);
    expect(api.session.signOut).toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.getByTestId('idle-signed-out')).toBeTruthy());
    expect(screen.getByTestId('signin-form')).toBeTruthy();
  });

  it('ends every session after «Это был не я» is confirmed', async () => {
    const api = fakeApi({ session: fakeSessionApi({ current: vi.fn(async () => fakeSession()) }) });
    render(App, { api });
    await userEvent.click(await screen.findByTestId('nav-security'));
    await userEvent.click(await screen.findByTestId('not-me'));
    expect(api.security.notMe).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId('not-me-confirm'));

    expect(await screen.findByTestId('not-me-done')).toBeTruthy();
    expect(api.security.notMe).toHaveBeenCalled();
  });

  it('goes to sign-in when the core says the session is over', async () => {
    const api = fakeApi({
      session: fakeSessionApi({
        current: vi.fn(async () => fakeSession()),
        list: vi.fn(async () => Promise.reject(apiError('not_signed_in', 'Войдите в личный кабинет'))),
      }),
    });
    render(App, { api });
    await userEvent.click(await screen.findByTestId('nav-sessions'));
    expect(await screen.findByTestId('session-ended')).toBeTruthy();
  });
});

describe('«Забыли пароль?»', () => {
  it('goes from the identifier through the code to the new password and back to sign-in', async () => {
    const recovery = fakeRecoveryApi();
    render(App, { api: fakeApi({ recovery }) });
    await userEvent.click(await screen.findByTestId('forgot-password'));

    await userEvent.type(screen.getByTestId('recovery-identifier'), '+7 (912) 345-67-89');
    await userEvent.click(screen.getByTestId('recovery-start-submit'));
    expect((await screen.findByTestId('recovery-sent')).textContent?.trim()).toBe(
      'Если кабинет с такими данными существует, мы отправили код на привязанный телефон',
    );
    expect((screen.getByTestId('recovery-resend') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('recovery-countdown').textContent).toMatch(/через [01]:\d\d/);

    await userEvent.type(screen.getByTestId('recovery-code'), '123456');
    await userEvent.click(screen.getByTestId('recovery-verify-submit'));
    expect(await screen.findByTestId('recovery-password-rules')).toBeTruthy();
    await userEvent.type(screen.getByTestId('recovery-password'), 'Nq5$tRv8wKz');
    await userEvent.type(screen.getByTestId('recovery-password-repeat'), 'Nq5$tRv8wKz');
    await userEvent.click(screen.getByTestId('recovery-complete-submit'));

    expect(await screen.findByTestId('recovery-done')).toBeTruthy();
    expect(recovery.verify).toHaveBeenCalledWith({ identifier: '+7 (912) 345-67-89', code: '123456' });
    expect(recovery.complete).toHaveBeenCalledWith({
      ticket: 'reset-1',
      password: 'Nq5$tRv8wKz',
      password_repeat: 'Nq5$tRv8wKz',
    });
    expect((screen.getByTestId('signin-identifier') as HTMLInputElement).value).toBe('+7 (912) 345-67-89');
  });

  it('shows the attempts left for a wrong code', async () => {
    const recovery = fakeRecoveryApi({
      verify: vi.fn(async () => Promise.reject(apiError('code_wrong', 'Неверный код', [], { attempts_left: 1 }))),
    });
    render(App, { api: fakeApi({ recovery }) });
    await userEvent.click(await screen.findByTestId('forgot-password'));
    await userEvent.type(screen.getByTestId('recovery-identifier'), 'anna@example.ru');
    await userEvent.click(screen.getByTestId('recovery-start-submit'));
    expect((await screen.findByTestId('recovery-sent')).textContent).toContain('адрес электронной почты');
    await userEvent.type(screen.getByTestId('recovery-code'), '000000');
    await userEvent.click(screen.getByTestId('recovery-verify-submit'));

    expect((await screen.findByTestId('recovery-attempts')).textContent).toBe('Осталось попыток: 1');
    expect(screen.getByTestId('error-code').textContent).toBe('Неверный код');
  });
});

import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SignInOutcome } from '../api/contract';
import { apiError, fakeSession, fakeSessionApi } from '../testing/fakes';
import SignIn from './SignIn.svelte';

const LOCKED = 'Пароль введён неверно 3 раза подряд. Вход заблокирован на 15 минут';

function props(api = fakeSessionApi()) {
  return { api, onoutcome: vi.fn(), onregister: vi.fn(), onforgot: vi.fn() };
}

async function submit(identifier: string, password: string) {
  const identifierField = screen.getByTestId('signin-identifier');
  await userEvent.clear(identifierField);
  await userEvent.type(identifierField, identifier);
  const passwordField = screen.getByTestId('signin-password');
  await userEvent.clear(passwordField);
  await userEvent.type(passwordField, password);
  await userEvent.click(screen.getByTestId('signin-submit'));
}

describe('SignIn', () => {
  it('shows the unlock time in local time on the locked panel and keeps the form usable', async () => {
    const unlock = new Date(2026, 10, 25, 9, 20, 7);
    const api = fakeSessionApi({
      signIn: vi.fn(async () => Promise.reject(apiError('locked', LOCKED, [], { retry_at: unlock.toISOString() }))),
    });
    render(SignIn, props(api));

    await submit('+79123456789', 'Wrong#Pass1x');

    const panel = await screen.findByTestId('signin-locked');
    expect(screen.getByTestId('signin-unlock-time').textContent).toBe('09:20:07');
    expect(panel.textContent).toContain('Вход заблокирован до 09:20:07');
    expect(panel.textContent).toContain(LOCKED);
    expect(document.activeElement).toBe(panel);
    expect(screen.queryByTestId('error-summary')).toBeNull();

    const button = screen.getByTestId('signin-submit') as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    await submit('+79123456789', 'Zq8#mW2!rLp');
    expect(api.signIn).toHaveBeenCalledTimes(2);
  });

  it('replaces the locked panel by the ordinary error once the lock is over', async () => {
    const signIn = vi
      .fn()
      .mockRejectedValueOnce(apiError('locked', LOCKED, [], { retry_at: '2026-11-25T08:15:00Z' }))
      .mockRejectedValueOnce(apiError('invalid_credentials', 'Неверный логин или пароль'));
    render(SignIn, props(fakeSessionApi({ signIn })));

    await submit('+79123456789', 'one');
    await screen.findByTestId('signin-locked');
    await submit('+79123456789', 'two');

    expect((await screen.findByTestId('error-summary-message')).textContent).toBe('Неверный логин или пароль');
    expect(screen.queryByTestId('signin-locked')).toBeNull();
  });

  it('hands the outcome and the identifier to the caller', async () => {
    const outcome = { step: 'signed_in' as const, session: fakeSession() };
    const p = props(fakeSessionApi({ signIn: vi.fn(async () => outcome) }));
    render(SignIn, p);

    await submit('+7 912 345-67-89', 'Zq8#mW2!rLp');
    expect(p.onoutcome).toHaveBeenCalledWith(outcome, '+7 912 345-67-89');
  });

  it('offers «Забыли пароль?» and shows a notice it was given', async () => {
    const p = props();
    render(SignIn, { ...p, notice: 'idle' });

    expect(screen.getByTestId('idle-signed-out').textContent).toContain('Сеанс завершён');
    await userEvent.click(screen.getByTestId('forgot-password'));
    expect(p.onforgot).toHaveBeenCalled();
    expect(screen.getByTestId('forgot-password').textContent?.trim()).toBe('Забыли пароль?');
  });
});

describe('SignIn while a check is running', () => {
  it('queues an attempt with other answers and ignores the same answers twice', async () => {
    const pending: ((reason: unknown) => void)[] = [];
    const signIn = vi.fn(() => new Promise<SignInOutcome>((_, reject) => pending.push(reject)));
    render(SignIn, props(fakeSessionApi({ signIn })));

    await submit('+79123456789', 'Wrong#Pass0x');
    await userEvent.click(screen.getByTestId('signin-submit'));
    expect(signIn).toHaveBeenCalledTimes(1);

    await submit('+79123456789', 'Wrong#Pass1x');
    expect(signIn).toHaveBeenCalledTimes(1);
    pending.shift()?.(apiError('invalid_credentials', 'Неверный логин или пароль'));
    await vi.waitFor(() => expect(signIn).toHaveBeenCalledTimes(2));
    expect(signIn).toHaveBeenLastCalledWith({ identifier: '+79123456789', password: 'Wrong#Pass1x', remember_me: false });
    pending.shift()?.(apiError('invalid_credentials', 'Неверный логин или пароль'));
    expect(await screen.findByTestId('error-summary-message')).toBeTruthy();
    expect(signIn).toHaveBeenCalledTimes(2);
  });
});

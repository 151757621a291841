import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SignInOutcome } from '../api/contract';
import { apiError, fakeClosureApi, fakeSession, fakeSessionApi } from '../testing/fakes';
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

  describe('a closed account’s «Подтверждение закрытия»', () => {
    const CLOSED = 'Кабинет закрыт 26.11.2026; восстановление возможно до 26.12.2026';

    function closed(details: Record<string, unknown> = { closed_on: '2026-11-26T09:00:00Z', restore_until: '2026-12-26T09:00:00Z' }) {
      return fakeSessionApi({
        signIn: vi.fn(async () => Promise.reject(apiError('account_closed', CLOSED, [], details))),
      });
    }

    it('saves it with the identifier and password just typed and shows where', async () => {
      const closure = fakeClosureApi({
        saveClosedConfirmation: vi.fn(async () => '/home/citizen/Подтверждение закрытия ПЗК-2026-000001.pdf'),
      });
      render(SignIn, { ...props(closed()), closure, onrestore: vi.fn() });

      await submit('+79123456789', 'Zq8#mW2!rLp');
      const notice = await screen.findByTestId('signin-closed');
      expect(notice.textContent).toContain('пока данные кабинета не удалены');
      expect(screen.getByTestId('restore-start')).toBeTruthy();
      // What is typed after the refusal does not change whose confirmation it is.
      await userEvent.type(screen.getByTestId('signin-password'), 'x');

      await userEvent.click(screen.getByTestId('closed-confirmation-save'));
      expect(closure.saveClosedConfirmation).toHaveBeenCalledWith({ identifier: '+79123456789', password: 'Zq8#mW2!rLp' });
      const saved = await screen.findByTestId('closed-confirmation-saved');
      expect(saved.textContent).toContain('/home/citizen/Подтверждение закрытия ПЗК-2026-000001.pdf');
      expect(screen.getByTestId('closed-confirmation-saved-path').textContent).toBe(
        '/home/citizen/Подтверждение закрытия ПЗК-2026-000001.pdf',
      );
      expect(screen.queryByTestId('error-summary')).toBeNull();
    });

    it('shows nothing when the save dialog was closed', async () => {
      const closure = fakeClosureApi({ saveClosedConfirmation: vi.fn(async () => null) });
      render(SignIn, { ...props(closed()), closure });

      await submit('+79123456789', 'Zq8#mW2!rLp');
      await userEvent.click(await screen.findByTestId('closed-confirmation-save'));
      await vi.waitFor(() => expect(closure.saveClosedConfirmation).toHaveBeenCalled());
      expect(screen.queryByTestId('closed-confirmation-saved')).toBeNull();
      expect(screen.queryByTestId('error-summary')).toBeNull();
    });

    it('prints it and tells how it went, also after the restoration period', async () => {
      const closure = fakeClosureApi({
        printClosedConfirmation: vi.fn().mockResolvedValueOnce('sent').mockResolvedValueOnce('opened_in_viewer'),
      });
      render(SignIn, { ...props(closed({ closed_on: '2026-10-01T09:00:00Z' })), closure });

      await submit('anna@example.ru', 'Zq8#mW2!rLp');
      expect(await screen.findByTestId('signin-closed-final')).toBeTruthy();
      expect(screen.queryByTestId('restore-start')).toBeNull();

      await userEvent.click(screen.getByTestId('closed-confirmation-print'));
      expect(closure.printClosedConfirmation).toHaveBeenCalledWith({ identifier: 'anna@example.ru', password: 'Zq8#mW2!rLp' });
      const printed = await screen.findByTestId('closed-confirmation-printed');
      expect(printed.dataset.outcome).toBe('sent');
      expect(printed.textContent).toContain('отправлено на печать');

      await userEvent.click(screen.getByTestId('closed-confirmation-print'));
      await vi.waitFor(() =>
        expect(screen.getByTestId('closed-confirmation-printed').dataset.outcome).toBe('opened_in_viewer'),
      );
      expect(screen.getByTestId('closed-confirmation-printed').textContent).toContain('программе просмотра');
    });

    it('shows a refusal in the error summary and keeps the notice', async () => {
      const closure = fakeClosureApi({
        printClosedConfirmation: vi.fn(async () => Promise.reject(apiError('invalid_credentials', 'Неверный логин или пароль'))),
      });
      render(SignIn, { ...props(closed()), closure });

      await submit('+79123456789', 'Zq8#mW2!rLp');
      await userEvent.click(await screen.findByTestId('closed-confirmation-print'));

      expect((await screen.findByTestId('error-summary-message')).textContent).toBe('Неверный логин или пароль');
      expect(screen.getByTestId('signin-closed')).toBeTruthy();
      expect(screen.queryByTestId('closed-confirmation-printed')).toBeNull();
    });

    it('is not offered for other refusals', async () => {
      render(SignIn, { ...props(), closure: fakeClosureApi() });

      await submit('+79123456789', 'Zq8#mW2!rLp');
      await screen.findByTestId('error-summary-message');
      expect(screen.queryByTestId('closed-confirmation-save')).toBeNull();
      expect(screen.queryByTestId('closed-confirmation-print')).toBeNull();
    });
  });
});

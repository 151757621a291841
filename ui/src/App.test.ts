import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { apiError, fakeApi, fakeSession, fakeSessionApi } from './lib/testing/fakes';

describe('App start', () => {
  it('shows only the failure screen when the data cannot be opened', async () => {
    const api = fakeApi();
    api.app.status = vi.fn(async () => ({
      failure: apiError('key_missing', 'Ключ недоступен: ключа нет в хранилище'),
      demo_delivery: false,
      locale: 'ru' as const,
      data_dir: '/home/citizen/.local/share/kabinet',
    }));
    render(App, { api });

    const failure = await screen.findByTestId('failure-screen');
    expect(failure.dataset.code).toBe('key_missing');
    expect(screen.getByTestId('failure-title').textContent).toBe('Ключ недоступен');
    expect(screen.getByTestId('failure-message').textContent).toBe('Ключ недоступен: ключа нет в хранилище');
    expect(failure.textContent).toContain('/home/citizen/.local/share/kabinet');
    expect(screen.queryByTestId('signin-submit')).toBeNull();
    expect(api.session.current).not.toHaveBeenCalled();
  });

  it('shows the internal failure screen when there is no core (a plain browser)', async () => {
    const api = fakeApi();
    api.app.status = vi.fn(async () => Promise.reject(apiError('internal', 'Ядро недоступно')));
    render(App, { api });

    const failure = await screen.findByTestId('failure-screen');
    expect(failure.dataset.code).toBe('internal');
    expect(screen.getByTestId('failure-title').textContent).toBe('Внутренняя ошибка');
  });

  it('shows the demo banner and the sign-in page when nobody is signed in', async () => {
    const api = fakeApi();
    api.app.status = vi.fn(async () => ({ failure: null, demo_delivery: true, locale: 'ru' as const, data_dir: '/d' }));
    render(App, { api });

    expect((await screen.findByTestId('page-title')).textContent).toBe('Вход в Кабинет');
    expect(screen.getByTestId('demo-banner').textContent).toContain('kabinet-cli outbox last --to <номер>');
  });

  it('shows the message of a failed sign-in in the summary', async () => {
    const api = fakeApi({ session: fakeSessionApi() });
    render(App, { api });

    await userEvent.type(await screen.findByTestId('signin-identifier'), '+79123456789');
    await userEvent.type(screen.getByTestId('signin-password'), 'wrong');
    await userEvent.click(screen.getByTestId('signin-submit'));

    expect((await screen.findByTestId('error-summary-message')).textContent).toBe('Неверный логин или пароль');
    expect(api.session.signIn).toHaveBeenCalledWith({
      identifier: '+79123456789',
      password: 'wrong',
      remember_me: false,
    });
  });

  it('opens the home page for a current session and switches the language through the core', async () => {
    const api = fakeApi({
      session: fakeSessionApi({
        current: vi.fn(async () =>
          fakeSession({ level: 'standard', status: 'pending_closure', remembered: true }),
        ),
      }),
    });
    render(App, { api });

    expect((await screen.findByTestId('home-level')).textContent).toBe('Стандартная');
    expect(screen.getByTestId('home-status').textContent).toBe('Ожидает закрытия');

    await userEvent.click(screen.getByTestId('locale-switch'));
    expect(api.app.setLocale).toHaveBeenCalledWith('en');
    expect(screen.getByTestId('home-level').textContent).toBe('Standard');
    expect(document.documentElement.lang).toBe('en');
  });
});

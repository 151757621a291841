import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { apiError, fakeApi, fakeProfile, fakeProfileApi, fakeSession, fakeSessionApi } from './lib/testing/fakes';

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

  it('opens «Мой профиль» and «История изменений» from the navigation; a save asks for the password again', async () => {
    const save = vi
      .fn()
      .mockRejectedValueOnce(apiError('reauthentication_required', 'Введите пароль ещё раз'))
      .mockResolvedValueOnce(fakeProfile({ surname: 'Петров' }));
    const current = vi
      .fn()
      .mockResolvedValueOnce(fakeSession({ full_name: 'Иванов Иван' }))
      .mockResolvedValue(fakeSession({ full_name: 'Петров Иван' }));
    const api = fakeApi({ session: fakeSessionApi({ current }), profile: fakeProfileApi({ save }) });
    render(App, { api });

    const nav = await screen.findByTestId('nav-profile');
    expect(nav.textContent).toBe('Мой профиль');
    expect(screen.getByTestId('nav-history').textContent).toBe('История изменений');
    await userEvent.click(nav);
    expect(screen.getByTestId('account').dataset.page).toBe('profile');
    await userEvent.click(await screen.findByTestId('profile-edit'));
    await userEvent.clear(screen.getByTestId('profile-input-surname'));
    await userEvent.type(screen.getByTestId('profile-input-surname'), 'Петров');
    await userEvent.click(screen.getByTestId('profile-send-code'));
    await userEvent.type(await screen.findByTestId('profile-code'), '123456');
    await userEvent.click(screen.getByTestId('profile-save'));

    await userEvent.type(await screen.findByTestId('reauth-password'), 'Moi#Parol-2026');
    await userEvent.click(screen.getByTestId('reauth-submit'));
    expect(api.security.reauthenticate).toHaveBeenCalledWith({ password: 'Moi#Parol-2026' });
    expect(await screen.findByTestId('profile-saved')).toBeTruthy();
    expect(save).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('profile-surname').textContent).toBe('Петров');

    await userEvent.click(screen.getByTestId('nav-home'));
    expect((await screen.findByTestId('home-full-name')).textContent).toBe('Петров Иван');
    await userEvent.click(screen.getByTestId('nav-history'));
    expect(await screen.findByTestId('history-empty')).toBeTruthy();
    expect(api.profile.history).toHaveBeenCalledWith({ page: 1 });
  });

  it('choosing «Мой профиль» again leaves an unfinished edit', async () => {
    const api = fakeApi({ session: fakeSessionApi({ current: vi.fn(async () => fakeSession()) }) });
    render(App, { api });

    await userEvent.click(await screen.findByTestId('nav-profile'));
    await userEvent.click(await screen.findByTestId('profile-edit'));
    expect(screen.getByTestId('profile-form')).toBeTruthy();
    await userEvent.click(screen.getByTestId('nav-profile'));
    expect(await screen.findByTestId('profile-surname')).toBeTruthy();
    expect(screen.queryByTestId('profile-form')).toBeNull();
  });
});

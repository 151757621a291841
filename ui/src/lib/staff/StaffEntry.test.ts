import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { fakeApi, fakeSession, fakeSessionApi, fakeStaffApi, fakeStaffView } from '../testing/fakes';

describe('staff mode from the sign-in screen', () => {
  it('leads through the discreet link to the staff sign-in, the desk, and back out', async () => {
    const api = fakeApi();
    render(App, { api });

    await userEvent.click(await screen.findByTestId('staff-signin-link'));
    expect(screen.getByTestId('page-title').textContent).toBe('Вход для сотрудников');
    await userEvent.type(screen.getByTestId('staff-signin-login'), 'a.petrova');
    await userEvent.type(screen.getByTestId('staff-signin-password'), 'Vx7#kQ2!mTz');
    await userEvent.type(screen.getByTestId('staff-signin-code'), '123456');
    await userEvent.click(screen.getByTestId('staff-signin-submit'));

    expect((await screen.findByTestId('staff-name')).textContent).toBe('Петрова Анна Сергеевна');
    expect(api.session.signIn).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId('staff-signout'));
    expect(await screen.findByTestId('staff-notice-signed_out')).toBeTruthy();
    await userEvent.click(screen.getByTestId('staff-signin-back'));
    expect(await screen.findByTestId('signin-form')).toBeTruthy();
  });

  it('goes straight back to the desk when a staff session is live (a reloaded webview)', async () => {
    const api = fakeApi({ staff: fakeStaffApi({ current: vi.fn(async () => fakeStaffView({ role: 'operator' })) }) });
    render(App, { api });

    expect((await screen.findByTestId('staff-name')).textContent).toBe('Петрова Анна Сергеевна');
    expect(screen.getByTestId('staff-role').textContent).toBe('оператор');
    expect(screen.getByTestId('desk-find-form')).toBeTruthy();
    expect(screen.queryByTestId('signin-form')).toBeNull();
  });

  it('keeps a citizen’s session first and asks for no staff session then', async () => {
    const api = fakeApi({ session: fakeSessionApi({ current: vi.fn(async () => fakeSession()) }) });
    render(App, { api });

    expect(await screen.findByTestId('home-level')).toBeTruthy();
    expect(api.staff.current).not.toHaveBeenCalled();
  });
});

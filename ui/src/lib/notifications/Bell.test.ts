import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import Account from '../account/Account.svelte';
import { fakeApi, fakeDesktop, fakeInboxItem, fakeNotificationsApi, fakeSession } from '../testing/fakes';

describe('the bell in the account bar', () => {
  it('shows the unread count, opens the inbox and follows its actions; desktop toasts go to the system', async () => {
    let unread = 3;
    const notifications = fakeNotificationsApi({
      unreadCount: vi.fn(async () => ({ unread })),
      inbox: vi.fn(async () => ({ items: [fakeInboxItem(11), fakeInboxItem(10)], next_before: null, unread })),
      delete: vi.fn(async () => ({ unread: (unread = 2) })),
      takeDesktop: vi.fn(async () => [{ id: 11, event: 'security' as const, title: 'Новый вход', body: 'Вход с нового устройства.' }]),
    });
    const desktop = fakeDesktop();
    render(Account, { api: fakeApi({ notifications, desktop }), session: fakeSession(), onsignedout: vi.fn() });

    await vi.waitFor(() => expect(screen.getByTestId('bell-count').textContent).toBe('3'));
    expect(screen.getByTestId('bell').getAttribute('aria-label')).toBe('Уведомления, непрочитанных: 3');
    expect(desktop.show).toHaveBeenCalledWith('Новый вход', 'Вход с нового устройства.');

    await userEvent.click(screen.getByTestId('bell'));
    expect(screen.getByTestId('account').dataset.page).toBe('notifications');
    await userEvent.click((await screen.findAllByTestId('inbox-delete'))[0]);
    await vi.waitFor(() => expect(screen.getByTestId('bell-count').textContent).toBe('2'));

    await userEvent.click(screen.getByTestId('nav-notification-settings'));
    expect(await screen.findByTestId('notification-settings')).toBeTruthy();
    await userEvent.click(screen.getByTestId('nav-message-history'));
    expect(await screen.findByTestId('message-history')).toBeTruthy();
  });
});

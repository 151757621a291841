import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { InboxQuery } from '../api/contract';
import type { NotificationsApi } from '../api/types';
import { fakeInboxItem, fakeNotificationsApi } from '../testing/fakes';
import InboxPage from './InboxPage.svelte';

function props(api: NotificationsApi) {
  return { api, onunread: vi.fn(), onchanged: vi.fn(), onnotme: vi.fn() };
}

const ids = () => screen.getAllByTestId('inbox-item').map((item) => Number(item.dataset.id));

describe('InboxPage', () => {
  it('pages by keyset with «Показать ещё» and reports the unread count', async () => {
    const inbox = vi.fn(async (query: InboxQuery) =>
      query.before === undefined
        ? { items: [fakeInboxItem(30), fakeInboxItem(29, { read: true })], next_before: 29, unread: 7 }
        : { items: [fakeInboxItem(12)], next_before: null, unread: 6 },
    );
    const p = props(fakeNotificationsApi({ inbox }));
    render(InboxPage, p);

    await screen.findAllByTestId('inbox-item');
    expect(ids()).toEqual([30, 29]);
    expect(inbox).toHaveBeenLastCalledWith({ folder: 'inbox' });
    expect(p.onunread).toHaveBeenLastCalledWith(7);
    expect(screen.getAllByTestId('inbox-item').map((i) => i.dataset.read)).toEqual(['false', 'true']);

    await userEvent.click(screen.getByTestId('inbox-more'));
    expect(inbox).toHaveBeenLastCalledWith({ folder: 'inbox', before: 29 });
    await vi.waitFor(() => expect(ids()).toEqual([30, 29, 12]));
    expect(screen.queryByTestId('inbox-more')).toBeNull();
    expect(p.onunread).toHaveBeenLastCalledWith(6);
  });

  it('filters by category and switches folders', async () => {
    const inbox = vi.fn(async () => ({ items: [fakeInboxItem(5)], next_before: null, unread: 1 }));
    render(InboxPage, props(fakeNotificationsApi({ inbox })));

    await userEvent.selectOptions(await screen.findByTestId('inbox-category-filter'), 'security');
    expect(inbox).toHaveBeenLastCalledWith({ folder: 'inbox', category: 'security' });
    await userEvent.click(screen.getByTestId('folder-archive'));
    expect(inbox).toHaveBeenLastCalledWith({ folder: 'archive', category: 'security' });
    expect(screen.getByTestId('folder-archive').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('inbox').dataset.folder).toBe('archive');
  });

  it('opens a message (marking it read), then marks it unread again', async () => {
    const api = fakeNotificationsApi({
      inbox: vi.fn(async () => ({ items: [fakeInboxItem(4)], next_before: null, unread: 1 })),
      markRead: vi.fn(async () => ({ unread: 1 })),
    });
    const p = props(api);
    render(InboxPage, p);

    await userEvent.click(await screen.findByTestId('inbox-open'));
    expect(api.open).toHaveBeenCalledWith({ id: 4 });
    expect((await screen.findByTestId('inbox-body')).textContent).toBe('Текст сообщения 4');
    await vi.waitFor(() => expect(screen.getByTestId('inbox-item').dataset.read).toBe('true'));
    expect(p.onchanged).toHaveBeenCalledTimes(1);

    await userEvent.click(screen.getByTestId('inbox-toggle-read'));
    expect(api.markRead).toHaveBeenCalledWith({ id: 4, read: false });
    await vi.waitFor(() => expect(screen.getByTestId('inbox-item').dataset.read).toBe('false'));
    expect(p.onunread).toHaveBeenLastCalledWith(1);
  });

  it('«Прочитать все» marks every message read', async () => {
    const api = fakeNotificationsApi({
      inbox: vi.fn(async () => ({ items: [fakeInboxItem(2), fakeInboxItem(1)], next_before: null, unread: 2 })),
    });
    const p = props(api);
    render(InboxPage, p);

    await userEvent.click(await screen.findByTestId('inbox-mark-all-read'));
    expect(api.markAllRead).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(screen.getAllByTestId('inbox-item').every((i) => i.dataset.read === 'true')).toBe(true));
    expect(p.onunread).toHaveBeenLastCalledWith(0);
    expect(screen.queryByTestId('inbox-mark-all-read')).toBeNull();
  });

  it('deletes to «Удалённые» and restores from there', async () => {
    const inbox = vi.fn(async (query: InboxQuery) =>
      query.folder === 'deleted'
        ? {
            items: [fakeInboxItem(8, { deleted_at: '2026-11-25T09:00:00Z', purge_at: '2026-12-25T09:00:00Z' })],
            next_before: null,
            unread: 0,
          }
        : { items: [fakeInboxItem(8), fakeInboxItem(7)], next_before: null, unread: 2 },
    );
    const api = fakeNotificationsApi({
      inbox,
      delete: vi.fn(async () => ({ unread: 1 })),
      restore: vi.fn(async () => ({ unread: 2 })),
    });
    const p = props(api);
    render(InboxPage, p);

    await screen.findAllByTestId('inbox-item');
    await userEvent.click(within(screen.getAllByTestId('inbox-item')[0]).getByTestId('inbox-delete'));
    expect(api.delete).toHaveBeenCalledWith({ id: 8 });
    expect(await screen.findByTestId('inbox-deleted')).toBeTruthy();
    expect(ids()).toEqual([7]);
    expect(p.onunread).toHaveBeenLastCalledWith(1);

    await userEvent.click(screen.getByTestId('folder-deleted'));
    expect((await screen.findByTestId('inbox-purge-at')).textContent).toBe('Удалится навсегда 25.12.2026');
    expect(screen.queryByTestId('inbox-delete')).toBeNull();
    await userEvent.click(screen.getByTestId('inbox-restore'));
    expect(api.restore).toHaveBeenCalledWith({ id: 8 });
    expect(await screen.findByTestId('inbox-restored')).toBeTruthy();
    expect(await screen.findByTestId('inbox-empty')).toBeTruthy();
    expect(p.onunread).toHaveBeenLastCalledWith(2);
  });

  it('offers «Это был не я» under a security message', async () => {
    const api = fakeNotificationsApi({
      inbox: vi.fn(async () => ({
        items: [fakeInboxItem(3, { event: 'security', category: 'security', read: true, not_me: true })],
        next_before: null,
        unread: 0,
      })),
    });
    const p = props(api);
    render(InboxPage, p);

    await userEvent.click(await screen.findByTestId('inbox-open'));
    expect(api.open).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId('inbox-not-me'));
    expect(p.onnotme).toHaveBeenCalledTimes(1);
  });
});

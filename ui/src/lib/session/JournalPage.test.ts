import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { JournalEntry } from '../api/contract';
import { fakeSessionApi } from '../testing/fakes';
import JournalPage from './JournalPage.svelte';

const entry = (title: string, ip: string | null = null): JournalEntry => ({
  event: 'signed_in',
  title,
  at: new Date(2026, 10, 25, 9, 5, 7).toISOString(),
  device: 'ivanov-laptop',
  ip,
});

describe('JournalPage', () => {
  it('shows rows in local time and pages through the journal', async () => {
    const journal = vi.fn(async ({ page }: { page: number }) => ({
      entries: [entry(`Вход, страница ${page}`, page === 2 ? '10.0.0.5' : null)],
      page,
      pages: 3,
    }));
    render(JournalPage, { api: fakeSessionApi({ journal }) });

    expect((await screen.findByTestId('journal-page')).textContent).toBe('Страница 1 из 3');
    const row = screen.getByTestId('journal-row');
    expect(row.textContent).toContain('25.11.2026 09:05:07');
    expect(row.textContent).toContain('Вход, страница 1');
    expect(row.textContent).toContain('ivanov-laptop');
    expect(screen.getByTestId('journal-ip').textContent).toBe('—');
    expect((screen.getByTestId('journal-prev') as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(screen.getByTestId('journal-next'));
    expect(journal).toHaveBeenLastCalledWith({ page: 2 });
    expect((await screen.findByText('Вход, страница 2')).closest('tr')).not.toBeNull();
    expect(screen.getByTestId('journal-page').textContent).toBe('Страница 2 из 3');
    expect(screen.getByTestId('journal-ip').textContent).toBe('10.0.0.5');

    await userEvent.click(screen.getByTestId('journal-next'));
    expect(await screen.findByText('Страница 3 из 3')).toBeTruthy();
    expect((screen.getByTestId('journal-next') as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(screen.getByTestId('journal-prev'));
    expect(journal).toHaveBeenLastCalledWith({ page: 2 });
  });

  it('says so when there is nothing yet', async () => {
    render(JournalPage, { api: fakeSessionApi() });
    expect((await screen.findByTestId('journal-empty')).textContent).toBe('Записей пока нет.');
    expect(screen.getByTestId('journal-page').textContent).toBe('Страница 1 из 1');
  });
});

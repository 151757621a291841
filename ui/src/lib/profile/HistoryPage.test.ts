import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ProfileChange } from '../api/contract';
import { fakeProfileApi } from '../testing/fakes';
import HistoryPage from './HistoryPage.svelte';

const at = new Date(2026, 10, 25, 9, 5, 7).toISOString();

const change = (overrides: Partial<ProfileChange>): ProfileChange => ({
  at,
  field: 'surname',
  label: 'Фамилия',
  old_value: 'Иванов',
  new_value: 'Петров',
  actor: 'citizen',
  ...overrides,
});

describe('HistoryPage', () => {
  it('shows each change in local time with old → new and who made it', async () => {
    const history = vi.fn(async () => ({
      changes: [
        change({}),
        change({ field: 'passport_number', label: 'Серия и номер паспорта', old_value: null, new_value: '45 ** ****56' }),
        change({ field: 'email', label: 'Электронная почта', old_value: 'a@b.ru', new_value: null, actor: 'operator' }),
        change({ field: 'level', label: 'Уровень учётной записи', old_value: 'simplified', new_value: 'standard', actor: 'system' }),
      ],
      page: 1,
      pages: 1,
    }));
    render(HistoryPage, { api: fakeProfileApi({ history }) });

    const rows = await screen.findAllByTestId('history-row');
    expect(rows).toHaveLength(4);
    expect(history).toHaveBeenCalledWith({ page: 1 });

    const first = within(rows[0]);
    expect(first.getByTestId('history-at').textContent).toBe('25.11.2026 09:05:07');
    expect(first.getByTestId('history-label').textContent).toBe('Фамилия');
    expect(first.getByTestId('history-old').textContent).toBe('Иванов');
    expect(first.getByTestId('history-new').textContent).toBe('Петров');
    expect(first.getByTestId('history-actor').textContent).toBe('гражданин');
    expect(rows[0].textContent).toContain('Иванов → ');

    expect(within(rows[1]).getByTestId('history-old').textContent).toBe('—');
    expect(within(rows[1]).getByTestId('history-new').textContent).toBe('45 ** ****56');
    expect(within(rows[2]).getByTestId('history-new').textContent).toBe('—');
    expect(within(rows[2]).getByTestId('history-actor').textContent).toBe('оператор');
    expect(within(rows[3]).getByTestId('history-old').textContent).toBe('Упрощённая');
    expect(within(rows[3]).getByTestId('history-new').textContent).toBe('Стандартная');
    expect(within(rows[3]).getByTestId('history-actor').textContent).toBe('система');
    expect(rows[3].dataset.field).toBe('level');
  });

  it('pages through the history like the journal', async () => {
    const history = vi.fn(async ({ page }: { page: number }) => ({
      changes: [change({ new_value: `Петров-${page}` })],
      page,
      pages: 2,
    }));
    render(HistoryPage, { api: fakeProfileApi({ history }) });

    expect((await screen.findByTestId('history-page')).textContent).toBe('Страница 1 из 2');
    expect((screen.getByTestId('history-prev') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('navigation').getAttribute('aria-label')).toBe('Страницы истории изменений');

    await userEvent.click(screen.getByTestId('history-next'));
    expect(history).toHaveBeenLastCalledWith({ page: 2 });
    expect(await screen.findByText('Петров-2')).toBeTruthy();
    expect(screen.getByTestId('history-page').textContent).toBe('Страница 2 из 2');
    expect((screen.getByTestId('history-next') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says so when nothing has changed yet', async () => {
    render(HistoryPage, { api: fakeProfileApi() });
    expect((await screen.findByTestId('history-empty')).textContent).toBe('Изменений пока нет.');
    expect(screen.queryByTestId('history-row')).toBeNull();
  });
});

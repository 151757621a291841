import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '../api/contract';
import { fakeSessionApi } from '../testing/fakes';
import SessionsPage from './SessionsPage.svelte';

const here: SessionInfo = {
  id: 1,
  device: 'ivanov-laptop',
  os: 'Linux',
  ip: null,
  remembered: true,
  current: true,
  started_at: '2026-11-25T08:00:00Z',
  last_seen_at: '2026-11-25T08:10:00Z',
};
const there: SessionInfo = { ...here, id: 2, device: 'office-pc', os: 'Windows', ip: '10.0.0.5', current: false };

describe('SessionsPage', () => {
  it('lists sessions, marks this computer and ends another one', async () => {
    const list = vi.fn().mockResolvedValueOnce([here, there]).mockResolvedValue([here]);
    const api = fakeSessionApi({ list });
    const onsignedout = vi.fn();
    render(SessionsPage, { api, onsignedout });

    const rows = await screen.findAllByTestId('session-row');
    expect(rows).toHaveLength(2);
    expect(screen.getAllByTestId('session-current')).toHaveLength(1);
    expect(rows[0].textContent).toContain('Этот компьютер');
    expect(rows[0].textContent).toContain('—');
    expect(rows[1].textContent).toContain('10.0.0.5');

    await userEvent.click(screen.getAllByTestId('session-end')[1]);
    expect(api.end).toHaveBeenCalledWith({ id: 2 });
    expect(await screen.findByText('Сеанс на устройстве office-pc завершён.')).toBeTruthy();
    expect(screen.getAllByTestId('session-row')).toHaveLength(1);
    expect(onsignedout).not.toHaveBeenCalled();
  });

  it('ends all other sessions, and ending this one signs out', async () => {
    const api = fakeSessionApi({ list: vi.fn(async () => [here, there]) });
    const onsignedout = vi.fn();
    render(SessionsPage, { api, onsignedout });

    await userEvent.click(await screen.findByTestId('sessions-end-others'));
    expect(api.endOthers).toHaveBeenCalled();
    expect(screen.getByTestId('sessions-notice').textContent).toBe('Все остальные сеансы завершены.');

    await userEvent.click(screen.getAllByTestId('session-end')[0]);
    expect(api.end).toHaveBeenCalledWith({ id: 1 });
    expect(onsignedout).toHaveBeenCalled();
  });
});

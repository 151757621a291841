import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ConnectionSetting, ConnectionView } from '../api/contract';
import { apiError } from '../testing/fakes';
import ConnectionPanel from './ConnectionPanel.svelte';

const local: ConnectionView = { setting: { mode: 'local', url: '', ca: '' }, from_environment: false };

function panel(view: ConnectionView, setConnection = vi.fn(async (_setting: ConnectionSetting) => null)) {
  const api = { connection: vi.fn(async () => view), setConnection };
  render(ConnectionPanel, { api });
  return api;
}

describe('«Где хранятся данные»', () => {
  it('says where the data is and sends the chosen server, trimmed by nobody but the core', async () => {
    const api = panel(local);
    expect((await screen.findByTestId('connection-current')).textContent).toContain(
      'Данные хранятся на этом компьютере.',
    );
    await userEvent.click(screen.getByTestId('connection-change'));
    expect(screen.queryByTestId('connection-url')).toBeNull();
    await userEvent.click(screen.getByTestId('connection-server'));
    await userEvent.type(screen.getByTestId('connection-url'), 'https://kabinet.example.ru');
    await userEvent.click(screen.getByTestId('connection-save'));
    expect(api.setConnection).toHaveBeenCalledWith({ mode: 'server', url: 'https://kabinet.example.ru', ca: '' });
  });

  it('shows the core’s reason at the address field and keeps what was typed', async () => {
    const refused = apiError('validation', 'Проверьте поля', [
      {
        field: 'server_url',
        code: 'server_no_answer',
        message: 'Адрес сервера: сервер по этому адресу не отвечает — проверьте адрес и сеть',
      },
    ]);
    panel(local, vi.fn(async () => Promise.reject(refused)));
    await userEvent.click(await screen.findByTestId('connection-change'));
    await userEvent.click(screen.getByTestId('connection-server'));
    await userEvent.type(screen.getByTestId('connection-url'), 'https://nowhere.example');
    await userEvent.click(screen.getByTestId('connection-save'));
    expect((await screen.findByText(/не отвечает/)).textContent).toContain('Адрес сервера');
    expect((screen.getByTestId('connection-url') as HTMLInputElement).value).toBe('https://nowhere.example');
  });

  it('shows a server pinned by the environment without a way to change it', async () => {
    panel({ setting: { mode: 'server', url: 'https://kabinet.example.ru', ca: '' }, from_environment: true });
    expect((await screen.findByTestId('connection-current')).textContent).toContain(
      'Данные на сервере https://kabinet.example.ru.',
    );
    expect(screen.getByTestId('connection-pinned')).toBeTruthy();
    expect(screen.queryByTestId('connection-change')).toBeNull();
  });
});

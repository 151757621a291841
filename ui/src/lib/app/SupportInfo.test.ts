import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { apiError, fakeApi } from '../testing/fakes';
import SupportInfo from './SupportInfo.svelte';

describe('«Сведения для поддержки»', () => {
  it('saves the log through the system dialog and says where', async () => {
    let finish: (path: string | null) => void = () => {};
    const api = { saveSupportLogs: vi.fn(() => new Promise<string | null>((resolve) => (finish = resolve))) };
    render(SupportInfo, { api });

    const button = screen.getByTestId('support-save');
    expect(button.textContent).toBe('Сведения для поддержки');
    await userEvent.click(button);
    expect(api.saveSupportLogs).toHaveBeenCalledTimes(1);
    expect((button as HTMLButtonElement).disabled).toBe(true);

    finish('/home/citizen/support.txt');
    expect((await screen.findByTestId('support-saved')).textContent).toBe(
      'Сведения для поддержки сохранены: /home/citizen/support.txt',
    );
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });

  it('says nothing when the dialog is cancelled', async () => {
    const api = { saveSupportLogs: vi.fn(async () => null) };
    render(SupportInfo, { api });

    await userEvent.click(screen.getByTestId('support-save'));
    expect(api.saveSupportLogs).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('support-saved')).toBeNull();
    expect(screen.queryByTestId('support-error')).toBeNull();
  });

  it('shows the core’s message when the file could not be written', async () => {
    const message = 'Не удалось сохранить сведения для поддержки — выберите другую папку';
    const api = { saveSupportLogs: vi.fn(async () => Promise.reject(apiError('internal', message))) };
    render(SupportInfo, { api });

    await userEvent.click(screen.getByTestId('support-save'));
    expect((await screen.findByTestId('support-error')).textContent).toBe(message);
    expect(screen.queryByTestId('support-saved')).toBeNull();
  });

  it('is on the start-up failure screen, once, and saves from there', async () => {
    const api = fakeApi();
    api.app.status = vi.fn(async () => ({
      failure: apiError('key_missing', 'Ключ недоступен'),
      demo_delivery: false,
      locale: 'ru' as const,
      data_dir: '/home/citizen/.local/share/ru.kabinet.desktop',
    }));
    render(App, { api });

    const failure = await screen.findByTestId('failure-screen');
    await userEvent.click(within(failure).getByTestId('support-save'));
    expect(api.app.saveSupportLogs).toHaveBeenCalledTimes(1);
    expect((await within(failure).findByTestId('support-saved')).textContent).toContain('сведения для поддержки');
    expect(screen.getAllByTestId('support-save')).toHaveLength(1);
  });

  it('is in the footer of the sign-in page', async () => {
    const api = fakeApi();
    render(App, { api });

    await screen.findByTestId('signin-submit');
    const footer = screen.getByRole('contentinfo');
    await userEvent.click(within(footer).getByTestId('support-save'));
    expect(api.app.saveSupportLogs).toHaveBeenCalledTimes(1);
  });
});

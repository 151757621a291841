import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeStaffApi, fakeStaffDesk, fakeStaffView, fakeTransports } from '../testing/fakes';
import StaffArea from './StaffArea.svelte';

const GATEWAY = fakeTransports({
  settings: {
    email: { transport: 'local' },
    sms: { transport: 'http', url: 'https://sms.example.ru/send', body_template: '{"to": "{to}", "text": "{text}"}' },
  },
  sms_token_set: true,
  demo: false,
});

async function openAdministration(api = fakeStaffApi(), ondemo = vi.fn()) {
  const onsignedout = vi.fn();
  render(StaffArea, { api: fakeStaffDesk({ staff: api }), staff: fakeStaffView(), onsignedout, ondemo });
  await userEvent.click(screen.getByTestId('staff-nav-admin'));
  await screen.findByTestId('transports-form');
  return { api, onsignedout };
}

describe('Администрирование → Транспорты доставки', () => {
  it('shows whether secrets are set without ever showing them, and saves a new token only when typed', async () => {
    const api = fakeStaffApi({ transports: vi.fn(async () => fakeTransports()), saveTransports: vi.fn(async () => GATEWAY) });
    const ondemo = vi.fn();
    await openAdministration(api, ondemo);
    expect(ondemo).toHaveBeenLastCalledWith(true);
    await userEvent.click(screen.getByTestId('sms-transport-http'));
    await userEvent.type(screen.getByTestId('gateway-url'), 'https://sms.example.ru/send');
    await userEvent.click(screen.getByTestId('transports-save'));
    expect(ondemo).toHaveBeenLastCalledWith(false);

    expect(screen.getByTestId('sms-token-state').textContent).toBe('задан');
    expect((screen.getByTestId('gateway-token') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('gateway-url') as HTMLInputElement).value).toBe('https://sms.example.ru/send');
    expect(screen.queryByTestId('smtp-host')).toBeNull();

    await userEvent.click(screen.getByTestId('transports-save'));
    expect(api.saveTransports).toHaveBeenLastCalledWith({ settings: GATEWAY.settings });
    expect(await screen.findByTestId('transports-saved')).toBeTruthy();

    await userEvent.click(screen.getByTestId('email-transport-smtp'));
    await userEvent.type(screen.getByTestId('smtp-host'), 'smtp.example.ru');
    await userEvent.type(screen.getByTestId('smtp-from'), 'noreply@example.ru');
    await userEvent.type(screen.getByTestId('smtp-password'), 's3cret');
    await userEvent.type(screen.getByTestId('gateway-token'), 'n3w-t0ken');
    await userEvent.click(screen.getByTestId('transports-save'));
    expect(api.saveTransports).toHaveBeenLastCalledWith({
      settings: {
        email: { transport: 'smtp', host: 'smtp.example.ru', port: 587, tls: 'starttls', user: null, from: 'noreply@example.ru' },
        sms: GATEWAY.settings.sms,
      },
      smtp_password: 's3cret',
      sms_token: 'n3w-t0ken',
    });
  });

  it('puts the core’s field errors at the transport fields', async () => {
    const saveTransports = vi.fn(async () => {
      throw apiError('validation', 'Исправьте ошибки в форме', [
        { field: 'gateway_url', code: 'url_format', message: 'Адрес SMS-шлюза: адрес должен начинаться с https://' },
      ]);
    });
    await openAdministration(fakeStaffApi({ transports: vi.fn(async () => GATEWAY), saveTransports }));

    await userEvent.click(screen.getByTestId('transports-save'));

    expect((await screen.findByTestId('error-gateway_url')).textContent).toContain('https://');
    expect(screen.getByTestId('error-summary').textContent).toContain('Адрес SMS-шлюза');
    expect(screen.queryByTestId('transports-saved')).toBeNull();
  });

  it('sends a test per channel and shows the transport’s answer or the field error', async () => {
    const sendTest = vi
      .fn()
      .mockResolvedValueOnce({ ok: true, transport: 'http', destination: '+79160001122', error: null })
      .mockResolvedValueOnce({ ok: false, transport: 'http', destination: '+79160001122', error: 'HTTP 500 Internal Server Error' })
      .mockRejectedValueOnce(
        apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'email', code: 'email_at', message: 'Электронная почта: в адресе должен быть ровно один знак @' },
        ]),
      );
    const { api } = await openAdministration(fakeStaffApi({ sendTest }));

    await userEvent.type(screen.getByTestId('test-sms-to'), '8 916 000-11-22');
    await userEvent.click(screen.getByTestId('test-sms-send'));
    expect(api.sendTest).toHaveBeenCalledWith({ channel: 'sms', to: '8 916 000-11-22' });
    expect((await screen.findByTestId('test-sms-result')).textContent).toContain('«http» принял сообщение для +79160001122');

    await userEvent.click(screen.getByTestId('test-sms-send'));
    await vi.waitFor(() => expect(screen.getByTestId('test-sms-result').textContent).toContain('HTTP 500'));

    await userEvent.type(screen.getByTestId('test-email-to'), 'nope');
    await userEvent.click(screen.getByTestId('test-email-send'));
    expect((await screen.findByTestId('error-email')).textContent).toContain('ровно один знак @');
  });

  it('returns to the staff sign-in when the session has ended, and signs out', async () => {
    const expired = apiError('staff_not_signed_in', 'Войдите как сотрудник');
    const api = fakeStaffApi({ transports: vi.fn(async () => Promise.reject(expired)) });
    const onsignedout = vi.fn();
    render(StaffArea, { api: fakeStaffDesk({ staff: api }), staff: fakeStaffView(), onsignedout });
    await userEvent.click(screen.getByTestId('staff-nav-admin'));
    await vi.waitFor(() => expect(onsignedout).toHaveBeenCalledWith('expired'));

    await userEvent.click(screen.getByTestId('staff-signout'));
    expect(api.signOut).toHaveBeenCalled();
    expect(onsignedout).toHaveBeenLastCalledWith('signed_out');
  });

  it('offers an operator no administration', () => {
    render(StaffArea, { api: fakeStaffDesk(), staff: fakeStaffView({ role: 'operator' }), onsignedout: vi.fn() });
    expect(screen.queryByTestId('staff-nav-admin')).toBeNull();
    expect(screen.getByTestId('staff-role').textContent).toBe('оператор');
  });
});

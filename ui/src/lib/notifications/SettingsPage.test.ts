import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { NotificationSettings } from '../api/contract';
import { apiError, fakeNotificationsApi, fakeSettingsView } from '../testing/fakes';
import SettingsPage from './SettingsPage.svelte';

const box = (testid: string) => screen.getByTestId(testid) as HTMLInputElement;

describe('SettingsPage', () => {
  it('groups the matrix by category; locked rows are checked, disabled and say why', async () => {
    render(SettingsPage, { api: fakeNotificationsApi() });

    const groups = await screen.findAllByTestId('matrix-group');
    expect(groups.map((g) => g.dataset.category)).toEqual(['applications', 'reminders', 'security', 'account', 'news']);
    expect(within(groups[0]).getAllByTestId('matrix-row').map((r) => r.dataset.event)).toEqual([
      'application_accepted',
      'application_result_ready',
    ]);
    for (const channel of ['in_app', 'desktop', 'email', 'sms']) {
      expect(box(`matrix-security-${channel}`).checked).toBe(true);
      expect(box(`matrix-security-${channel}`).disabled).toBe(true);
    }
    expect(screen.getByTestId('matrix-locked-closure_requested').textContent).toContain('отключить нельзя');
    expect(screen.queryByTestId('matrix-locked-payment_due')).toBeNull();
    expect(box('matrix-payment_due-in_app').disabled).toBe(true);
    expect(box('matrix-payment_due-email').disabled).toBe(false);
    expect(screen.getByTestId('quiet-hours-offset').textContent).toBe('Время этого компьютера: UTC+03:00');
    expect(screen.getByTestId('settings-saved-at').textContent).toContain('по умолчанию');
    expect(screen.queryByTestId('settings-undo')).toBeNull();
  });

  it('saves everything in one call: matrix, an override, «Только важные», quiet and working hours', async () => {
    const api = fakeNotificationsApi();
    render(SettingsPage, { api });

    await userEvent.click(await screen.findByTestId('matrix-payment_due-email'));
    await userEvent.click(screen.getByTestId('matrix-service_news-desktop'));
    await userEvent.selectOptions(screen.getByTestId('override-service'), 'vehicle_registration');
    await userEvent.click(screen.getByTestId('override-add'));
    await userEvent.click(screen.getByTestId('override-vehicle_registration-sms'));
    await userEvent.click(screen.getByTestId('override-vehicle_registration-email'));
    await userEvent.click(screen.getByTestId('only-important'));
    await userEvent.click(screen.getByTestId('working-hours-only'));
    await userEvent.click(screen.getByTestId('quiet-hours'));
    await userEvent.clear(screen.getByTestId('quiet-hours-start'));
    await userEvent.type(screen.getByTestId('quiet-hours-start'), '23:30');
    await userEvent.click(screen.getByTestId('settings-save'));

    expect(await screen.findByTestId('settings-saved')).toBeTruthy();
    expect(api.saveSettings).toHaveBeenCalledTimes(1);
    const sent = vi.mocked(api.saveSettings).mock.calls[0][0] as NotificationSettings;
    expect(sent.matrix).toEqual([
      { event: 'application_accepted', desktop: true, email: true, sms: false },
      { event: 'application_result_ready', desktop: true, email: true, sms: true },
      { event: 'payment_due', desktop: true, email: false, sms: true },
      { event: 'security', desktop: true, email: true, sms: true },
      { event: 'closure_requested', desktop: true, email: true, sms: true },
      { event: 'service_news', desktop: false, email: false, sms: false },
    ]);
    expect(sent.overrides).toEqual([{ service: 'vehicle_registration', desktop: true, email: false, sms: true }]);
    expect(sent.only_important).toBe(true);
    expect(sent.working_hours_only).toBe(true);
    expect(sent.quiet_hours).toEqual({ start: '23:30', end: '08:00' });
    expect(box('matrix-payment_due-email').checked).toBe(false);
    expect(screen.getByTestId('settings-undo')).toBeTruthy();
  });

  it('offers the next free service after an override is added, and none once all have one', async () => {
    render(SettingsPage, { api: fakeNotificationsApi() });

    const select = (await screen.findByTestId('override-service')) as HTMLSelectElement;
    expect(select.value).toBe('passport_foreign');
    await userEvent.click(screen.getByTestId('override-add'));
    expect((screen.getByTestId('override-service') as HTMLSelectElement).value).toBe('vehicle_registration');
    await userEvent.click(screen.getByTestId('override-add'));
    expect(screen.getAllByTestId('override').map((o) => o.dataset.service)).toEqual([
      'passport_foreign',
      'vehicle_registration',
    ]);
    expect(screen.queryByTestId('override-service')).toBeNull();
  });

  it('removes an override and turns quiet hours off', async () => {
    const saved = fakeSettingsView();
    saved.settings.overrides = [{ service: 'passport_foreign', desktop: false, email: true, sms: false }];
    saved.settings.quiet_hours = { start: '22:00', end: '07:00' };
    const api = fakeNotificationsApi({ settings: vi.fn(async () => saved) });
    render(SettingsPage, { api });

    expect((await screen.findByTestId('override-name')).textContent).toBe('Загранпаспорт');
    expect(box('quiet-hours-end').value).toBe('07:00');
    await userEvent.click(screen.getByTestId('override-passport_foreign-remove'));
    await userEvent.click(screen.getByTestId('quiet-hours'));
    expect(screen.queryByTestId('quiet-hours-start')).toBeNull();
    await userEvent.click(screen.getByTestId('settings-save'));

    const sent = vi.mocked(api.saveSettings).mock.calls[0][0] as NotificationSettings;
    expect(sent.overrides).toEqual([]);
    expect(sent.quiet_hours).toBeNull();
  });

  it('«Отменить» restores the settings the core gives back', async () => {
    const before = fakeSettingsView({ can_undo: true, saved_at: '2026-11-25T08:00:00Z' });
    before.settings.matrix[2].email = false;
    const restored = fakeSettingsView();
    const api = fakeNotificationsApi({ settings: vi.fn(async () => before), undoSettings: vi.fn(async () => restored) });
    render(SettingsPage, { api });

    expect(((await screen.findByTestId('matrix-payment_due-email')) as HTMLInputElement).checked).toBe(false);
    await userEvent.click(screen.getByTestId('settings-undo'));

    expect(await screen.findByTestId('settings-undone')).toBeTruthy();
    expect(api.undoSettings).toHaveBeenCalledTimes(1);
    expect(box('matrix-payment_due-email').checked).toBe(true);
    expect(screen.queryByTestId('settings-undo')).toBeNull();
  });

  it('shows the core’s quiet-hours errors at the fields and in the summary', async () => {
    const api = fakeNotificationsApi({
      saveSettings: vi.fn(async () => {
        throw apiError('validation', 'Проверьте настройки', [
          { field: 'quiet_hours_start', code: 'time_format', message: 'Время — в виде ЧЧ:ММ' },
          { field: 'quiet_hours_end', code: 'quiet_hours_empty', message: 'Начало и конец тихих часов должны различаться' },
        ]);
      }),
    });
    render(SettingsPage, { api });

    await userEvent.click(await screen.findByTestId('quiet-hours'));
    await userEvent.clear(screen.getByTestId('quiet-hours-start'));
    await userEvent.type(screen.getByTestId('quiet-hours-start'), '25:00');
    await userEvent.click(screen.getByTestId('settings-save'));

    expect((await screen.findByTestId('error-quiet_hours_start')).textContent).toBe('Время — в виде ЧЧ:ММ');
    expect(screen.getByTestId('error-quiet_hours_end').textContent).toBe('Начало и конец тихих часов должны различаться');
    expect(screen.getByTestId('error-summary-quiet_hours_start')).toBeTruthy();
    expect(box('quiet-hours-start').getAttribute('aria-invalid')).toBe('true');
    expect(box('quiet-hours-start').value).toBe('25:00');
    expect(screen.queryByTestId('settings-saved')).toBeNull();
  });

  it('shows a matrix error above the table', async () => {
    const api = fakeNotificationsApi({
      saveSettings: vi.fn(async () => {
        throw apiError('validation', 'Проверьте настройки', [
          { field: 'notification_matrix', code: 'not_switchable', message: 'Эти сообщения отключить нельзя' },
        ]);
      }),
    });
    render(SettingsPage, { api });
    await userEvent.click(await screen.findByTestId('settings-save'));
    expect((await screen.findByTestId('error-notification_matrix')).textContent).toBe('Эти сообщения отключить нельзя');
  });
});

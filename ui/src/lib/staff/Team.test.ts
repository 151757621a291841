import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeStaffCreated, fakeStaffInfo, fakeTeamApi } from '../testing/fakes';
import Team from './Team.svelte';

const MEMBERS = [
  fakeStaffInfo({ login: 'a.petrova', full_name: 'Петрова Анна Сергеевна', role: 'supervisor' }),
  fakeStaffInfo(),
  fakeStaffInfo({ login: 'o.old', full_name: 'Старов Олег Ильич', disabled_at: '2026-11-21T09:00:00Z' }),
];

describe('Сотрудники', () => {
  it('lists the staff with their roles and states', async () => {
    render(Team, { api: fakeTeamApi({ list: vi.fn(async () => MEMBERS) }), onexpired: vi.fn(() => false) });

    const rows = await screen.findAllByTestId('team-member');
    expect(rows.map((row) => row.dataset.login)).toEqual(['a.petrova', 'i.sidorov', 'o.old']);
    expect(within(rows[0]).getByTestId('team-member-role').textContent).toBe('старший смены');
    expect(within(rows[1]).getByTestId('team-member-state').textContent).toBe('Активен');
    expect(rows[2].dataset.disabled).toBe('true');
    expect(within(rows[2]).getByTestId('team-member-state').textContent).toContain('Отключён');
    expect(within(rows[2]).queryByTestId('team-disable')).toBeNull();
  });

  it('adds a staff member and shows the authenticator secret once', async () => {
    const api = fakeTeamApi();
    render(Team, { api, onexpired: vi.fn(() => false) });

    await userEvent.type(screen.getByTestId('team-login'), 'i.sidorov');
    await userEvent.type(screen.getByTestId('team-full-name'), 'Сидоров Иван Петрович');
    await userEvent.click(screen.getByTestId('team-role-supervisor'));
    await userEvent.type(screen.getByTestId('team-password'), 'Qz8#mRt2!vLp');
    await userEvent.click(screen.getByTestId('team-add'));

    expect(api.add).toHaveBeenCalledWith({
      login: 'i.sidorov',
      full_name: 'Сидоров Иван Петрович',
      role: 'supervisor',
      password: 'Qz8#mRt2!vLp',
    });
    const secret = await screen.findByTestId('team-secret');
    expect(secret.textContent).toContain('i.sidorov');
    expect(screen.getByTestId('team-secret-warning').textContent).toContain('показывается один раз');
    expect(screen.getByTestId('team-secret-value').textContent).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
    expect(screen.getByTestId('team-secret-uri').textContent).toContain('otpauth://totp/');
    expect((screen.getByTestId('team-password') as HTMLInputElement).value).toBe('');

    await userEvent.click(screen.getByTestId('team-secret-hide'));
    expect(screen.queryByTestId('team-secret')).toBeNull();
  });

  it('puts the core’s field errors at the new member’s fields', async () => {
    const api = fakeTeamApi({
      add: vi.fn(async () => {
        throw apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'login', code: 'login_taken', message: 'Логин: такой логин уже есть' },
          { field: 'full_name', code: 'full_name_parts', message: 'ФИО: фамилия, имя и отчество русскими буквами' },
        ]);
      }),
    });
    render(Team, { api, onexpired: vi.fn(() => false) });

    await userEvent.type(screen.getByTestId('team-login'), 'a.petrova');
    await userEvent.click(screen.getByTestId('team-add'));

    expect((await screen.findByTestId('error-login')).textContent).toContain('уже есть');
    expect(screen.getByTestId('error-full_name').textContent).toContain('русскими буквами');
    expect(screen.queryByTestId('team-secret')).toBeNull();
  });

  it('disables a member only after the second question, and resets an authenticator', async () => {
    const api = fakeTeamApi({ list: vi.fn(async () => MEMBERS), resetTotp: vi.fn(async ({ login }) => fakeStaffCreated({ login, secret: 'NEWS ECRE T234' })) });
    render(Team, { api, onexpired: vi.fn(() => false) });
    const row = (await screen.findAllByTestId('team-member'))[1];

    await userEvent.click(within(row).getByTestId('team-disable'));
    expect(within(row).getByTestId('team-disable-question').textContent).toContain('i.sidorov');
    await userEvent.click(within(row).getByTestId('team-disable-cancel'));
    expect(api.disable).not.toHaveBeenCalled();

    await userEvent.click(within(row).getByTestId('team-disable'));
    await userEvent.click(within(row).getByTestId('team-disable-confirm'));
    expect(api.disable).toHaveBeenCalledWith({ login: 'i.sidorov' });
    expect((await screen.findByTestId('team-disabled')).textContent).toContain('i.sidorov отключена');

    const again = (await screen.findAllByTestId('team-member'))[0];
    await userEvent.click(within(again).getByTestId('team-reset-totp'));
    expect(api.resetTotp).toHaveBeenCalledWith({ login: 'a.petrova' });
    expect((await screen.findByTestId('team-secret-value')).textContent).toBe('NEWS ECRE T234');
    expect(screen.getByTestId('team-secret').textContent).toContain('Новый секрет аутентификатора для a.petrova');
  });
});

import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeProfile, fakeProfileApi } from '../testing/fakes';
import ProfileArea from './ProfileArea.svelte';

const STANDARD = fakeProfile({ level: 'standard', passport_number: '4508123456', snils: '11223344595' });

describe('Мой профиль → Подтвердить личность', () => {
  it('is offered to a standard account only', async () => {
    render(ProfileArea, { api: fakeProfileApi() });
    expect((await screen.findByTestId('profile-level')).textContent).toBe('Упрощённая');
    expect(screen.queryByTestId('profile-confirm-identity-code')).toBeNull();
  });

  it('confirms the identity with the code from the slip and shows the new level', async () => {
    const onchanged = vi.fn();
    const api = fakeProfileApi({
      get: vi.fn(async () => STANDARD),
      confirmIdentity: vi.fn(async () => ({ ...STANDARD, level: 'confirmed' as const })),
    });
    render(ProfileArea, { api, onchanged });

    await userEvent.type(await screen.findByTestId('profile-confirm-identity-code'), '1234 567 890');
    await userEvent.click(screen.getByTestId('profile-confirm-identity-submit'));

    expect(api.confirmIdentity).toHaveBeenCalledWith({ code: '1234 567 890' });
    const notice = await screen.findByTestId('profile-identity-confirmed');
    expect(notice.textContent).toContain('Личность подтверждена');
    expect(notice.textContent).toContain('Подтверждённая');
    expect(screen.getByTestId('profile-level').textContent).toBe('Подтверждённая');
    expect(screen.queryByTestId('profile-confirm-identity-code')).toBeNull();
    expect(onchanged).toHaveBeenCalledOnce();
  });

  it('shows a wrong code at the field with the tries left', async () => {
    const api = fakeProfileApi({
      get: vi.fn(async () => STANDARD),
      confirmIdentity: vi.fn(async () => {
        throw apiError(
          'validation',
          'Исправьте ошибки в форме',
          [{ field: 'identity_code', code: 'code_wrong', message: 'Код подтверждения: неверный код' }],
          { attempts_left: 3 },
        );
      }),
    });
    render(ProfileArea, { api });

    await userEvent.type(await screen.findByTestId('profile-confirm-identity-code'), '0000000000');
    await userEvent.click(screen.getByTestId('profile-confirm-identity-submit'));

    expect((await screen.findByTestId('error-identity_code')).textContent).toContain('неверный код');
    expect(screen.getByTestId('profile-confirm-identity-attempts').textContent).toBe('Осталось попыток: 3');
    expect(screen.getByTestId('error-summary').textContent).toContain('Код подтверждения');
    expect(screen.getByTestId('profile-level').textContent).toBe('Стандартная');
  });
});

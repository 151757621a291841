import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeSession, fakeSessionApi } from '../testing/fakes';
import type { Challenge } from './outcome';
import SecondFactor from './SecondFactor.svelte';

const totp: Challenge = { step: 'second_factor', challenge: 'ch-1', method: 'totp', destination: null };

function props(api = fakeSessionApi(), challenge = totp) {
  return { api, challenge, onsignedin: vi.fn(), onexpired: vi.fn(), oncancel: vi.fn() };
}

async function enter(code: string) {
  const field = screen.getByTestId('second-factor-code');
  await userEvent.clear(field);
  await userEvent.type(field, code);
  await userEvent.click(screen.getByTestId('second-factor-submit'));
}

describe('SecondFactor', () => {
  it('asks for the app code under its heading', () => {
    render(SecondFactor, props());
    expect(screen.getByTestId('page-title').textContent).toBe('Подтверждение входа');
    expect(screen.getByLabelText('Код из приложения или резервный код')).toBe(screen.getByTestId('second-factor-code'));
    expect(screen.getByTestId('second-factor-lead').textContent).toContain('приложение-аутентификатор');
  });

  it('names where an SMS code went', () => {
    render(SecondFactor, props(fakeSessionApi(), { ...totp, method: 'sms', destination: '+79123456789' }));
    expect(screen.getByTestId('second-factor-lead').textContent).toContain('SMS на номер +79123456789');
  });

  it('shows the attempts left after a wrong code', async () => {
    const api = fakeSessionApi({
      secondFactor: vi.fn(async () => Promise.reject(apiError('code_wrong', 'Неверный код', [], { attempts_left: 2 }))),
    });
    const p = props(api);
    render(SecondFactor, p);

    await enter('ABCD-EFGH');

    expect((await screen.findByTestId('second-factor-attempts')).textContent).toBe('Осталось попыток: 2');
    expect(screen.getByTestId('error-code').textContent).toBe('Неверный код');
    expect(screen.getByTestId('error-summary-code').textContent).toBe('Неверный код');
    expect(api.secondFactor).toHaveBeenCalledWith({ challenge: 'ch-1', code: 'ABCD-EFGH' });
    expect(p.onsignedin).not.toHaveBeenCalled();
  });

  it('signs in with the right code and goes back to sign-in when the challenge is over', async () => {
    const session = fakeSession();
    const expired = apiError('challenge_expired', 'Время на подтверждение входа истекло');
    const secondFactor = vi.fn().mockResolvedValueOnce(session).mockRejectedValueOnce(expired);
    const p = props(fakeSessionApi({ secondFactor }));
    render(SecondFactor, p);

    await enter('123456');
    expect(p.onsignedin).toHaveBeenCalledWith(session);
    await enter('654321');
    expect(p.onexpired).toHaveBeenCalledWith(expired);
  });

  it('goes back to sign-in with the lock when the third wrong code locks the account', async () => {
    const wrong = apiError('code_wrong', 'Неверный код', [], { attempts_left: 2 });
    const locked = apiError('locked', 'Вход временно заблокирован', [], { retry_at: '2026-11-25T09:15:00Z' });
    const secondFactor = vi.fn().mockRejectedValueOnce(wrong).mockRejectedValueOnce(locked);
    const p = props(fakeSessionApi({ secondFactor }));
    render(SecondFactor, p);

    await enter('111111');
    expect(p.onexpired).not.toHaveBeenCalled();
    await enter('222222');
    expect(p.onexpired).toHaveBeenCalledWith(locked);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { apiError } from '../testing/fakes';
import { createGuard, guarded } from './guard';

function events(reauthenticate = vi.fn(async () => undefined)) {
  return { signedOut: vi.fn(), passwordChange: vi.fn(), reauthenticate };
}

describe('guard', () => {
  it('asks for the password once and repeats the call', async () => {
    const e = events();
    const call = vi
      .fn()
      .mockRejectedValueOnce(apiError('reauthentication_required', 'Введите пароль'))
      .mockResolvedValueOnce('done');
    const guard = createGuard(e);

    await expect(guard(call)).resolves.toBe('done');
    expect(e.reauthenticate).toHaveBeenCalledTimes(1);
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('gives the error back when the citizen cancels, and does not ask twice in a row', async () => {
    const refused = apiError('reauthentication_required', 'Введите пароль');
    const e = events(vi.fn(async () => Promise.reject(new Error('cancelled'))));
    const guard = createGuard(e);
    await expect(guard(() => Promise.reject(refused))).rejects.toBe(refused);

    const e2 = events();
    const always = vi.fn(async () => Promise.reject(refused));
    await expect(createGuard(e2)(always)).rejects.toBe(refused);
    expect(e2.reauthenticate).toHaveBeenCalledTimes(1);
    expect(always).toHaveBeenCalledTimes(2);
  });

  it('tells the shell about an ended session and a required password change', async () => {
    const e = events();
    const group = guarded(
      {
        list: vi.fn(async () => Promise.reject(apiError('not_signed_in', 'Войдите'))),
        journal: vi.fn(async () => Promise.reject(apiError('password_change_required', 'Смените пароль'))),
      },
      createGuard(e),
    );

    await expect(group.list()).rejects.toMatchObject({ code: 'not_signed_in' });
    expect(e.signedOut).toHaveBeenCalled();
    await expect(group.journal()).rejects.toMatchObject({ code: 'password_change_required' });
    expect(e.passwordChange).toHaveBeenCalled();
  });
});

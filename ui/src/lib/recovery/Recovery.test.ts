import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeRecoveryApi } from '../testing/fakes';
import Recovery from './Recovery.svelte';

describe('Recovery', () => {
  it('goes back to the first page with the message when the reset ran out (reset_expired)', async () => {
    const expired = apiError('reset_expired', 'Время на восстановление пароля истекло — запросите код ещё раз');
    const api = fakeRecoveryApi({ complete: vi.fn(async () => Promise.reject(expired)) });
    render(Recovery, { api, identifier: '', oncancel: vi.fn(), ondone: vi.fn() });

    await userEvent.type(screen.getByTestId('recovery-identifier'), '+79123456789');
    await userEvent.click(screen.getByTestId('recovery-start-submit'));
    await userEvent.type(await screen.findByTestId('recovery-code'), '123456');
    await userEvent.click(screen.getByTestId('recovery-verify-submit'));
    await userEvent.type(await screen.findByTestId('recovery-password'), 'Nov#Parol-2026');
    await userEvent.type(screen.getByTestId('recovery-password-repeat'), 'Nov#Parol-2026');
    await userEvent.click(screen.getByTestId('recovery-complete-submit'));

    expect((await screen.findByTestId('error-summary-message')).textContent).toBe(
      'Время на восстановление пароля истекло — запросите код ещё раз',
    );
    expect(screen.getByTestId('recovery').dataset.step).toBe('identifier');
    expect((screen.getByTestId('recovery-identifier') as HTMLInputElement).value).toBe('+79123456789');
  });
});

import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeRegistrationApi } from '../testing/fakes';
import CodeStep from './CodeStep.svelte';
import { RegistrationFlow } from './flow.svelte';

const NOW = new Date('2026-11-25T08:00:00Z');

function flowAtCode(resendInSeconds: number): RegistrationFlow {
  const flow = new RegistrationFlow();
  flow.codeSent('+7 912 345-67-89', {
    destination: '+79123456789',
    expires_at: new Date(NOW.getTime() + 300_000).toISOString(),
    resend_at: new Date(NOW.getTime() + resendInSeconds * 1000).toISOString(),
    sends_left: 4,
  });
  return flow;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('CodeStep', () => {
  it('counts down to the resend time and then enables the button', async () => {
    render(CodeStep, { flow: flowAtCode(59), api: fakeRegistrationApi() });
    expect(screen.getByTestId('reg-code-countdown').textContent).toBe(
      'Повторно запросить код можно через 0:59',
    );
    expect((screen.getByTestId('reg-code-resend') as HTMLButtonElement).disabled).toBe(true);

    await vi.advanceTimersByTimeAsync(59_000);
    expect((screen.getByTestId('reg-code-resend') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows the attempts left after a wrong code', async () => {
    const api = fakeRegistrationApi({
      verifyCode: vi.fn(async () => Promise.reject(apiError('code_wrong', 'Неверный код', [], { attempts_left: 2 }))),
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    render(CodeStep, { flow: flowAtCode(60), api });

    await user.type(screen.getByTestId('reg-code'), '111111');
    await user.click(screen.getByTestId('reg-code-submit'));

    expect((await screen.findByTestId('reg-code-attempts')).textContent).toContain('Осталось попыток: 2');
    expect(screen.getByTestId('error-code').textContent).toContain('Неверный код');
    expect(api.verifyCode).toHaveBeenCalledWith({ phone: '+7 912 345-67-89', code: '111111' });
  });

  it('shows the exact local time when the core refuses a new code until later', async () => {
    const retryAt = new Date(NOW.getTime() + 600_000);
    const api = fakeRegistrationApi({
      sendCode: vi.fn(async () =>
        Promise.reject(apiError('rate_limited', 'Новый код можно будет запросить позже', [], { retry_at: retryAt.toISOString() })),
      ),
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    render(CodeStep, { flow: flowAtCode(0), api });

    await user.click(screen.getByTestId('reg-code-resend'));

    const hh = String(retryAt.getHours()).padStart(2, '0');
    const mm = String(retryAt.getMinutes()).padStart(2, '0');
    expect(screen.getByTestId('reg-code-countdown').textContent).toBe(
      `Повторно запросить код можно в ${hh}:${mm}:00`,
    );
    expect((screen.getByTestId('reg-code-resend') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('error-summary').textContent).toContain('Новый код можно будет запросить позже');
  });
});

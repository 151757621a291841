import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import type { Api } from '../api/types';
import {
  apiError,
  fakeApi,
  fakeClosureApi,
  fakePendingClosure,
  fakePrecheckItem,
  fakePrechecks,
  fakeSession,
  fakeSessionApi,
} from '../testing/fakes';
import PendingNotice from './PendingNotice.svelte';

const CLOSED = 'Кабинет закрыт 26.11.2026; восстановление возможно до 26.12.2026';

function closedApi(
  details: { closed_on: string; restore_until?: string; restore_by_operator?: boolean },
  closure = fakeClosureApi()): Api {
  const signIn = vi.fn(async () => {
    throw apiError('account_closed', CLOSED, [], details);
  });
  return fakeApi({ session: fakeSessionApi({ signIn }), closure });
}

async function signIn(password = 'Zq8#mW2!rLp') {
  await userEvent.type(await screen.findByTestId('signin-identifier'), '+79123456789');
  await userEvent.type(screen.getByTestId('signin-password'), password);
  await userEvent.click(screen.getByTestId('signin-submit'));
}

describe('a closed account at sign-in', () => {
  it('shows both dates and restores with the code and the passport', async () => {
    const api = closedApi({ closed_on: '2026-11-26T09:00:00Z', restore_until: '2026-12-26T09:00:00Z' });
    render(App, { api });
    await signIn();

    expect((await screen.findByTestId('signin-closed-message')).textContent).toBe(CLOSED);
    expect(screen.queryByTestId('error-summary')).toBeNull();
    await userEvent.click(screen.getByTestId('restore-start'));

    expect((await screen.findByTestId('restore')).textContent).toContain('26.12.2026');
    await userEvent.click(screen.getByTestId('restore-send-code'));
    expect(api.closure.restoreStart).toHaveBeenCalledWith({ identifier: '+79123456789', password: 'Zq8#mW2!rLp' });
    await userEvent.type(await screen.findByTestId('restore-code'), '654321');
    await userEvent.type(screen.getByTestId('restore-passport'), '4510 123456');
    await userEvent.click(screen.getByTestId('restore-submit'));

    expect(api.closure.restoreComplete).toHaveBeenCalledWith({
      identifier: '+79123456789',
      password: 'Zq8#mW2!rLp',
      code: '654321',
      passport: '4510 123456',
    });
    expect((await screen.findByTestId('restore-done')).textContent).toContain('Кабинет восстановлен');
    expect((screen.getByTestId('signin-identifier') as HTMLInputElement).value).toBe('+79123456789');
  });

  it('says an operator restores an account that staff closed, not the code and the passport', async () => {
    const details = { closed_on: '2026-11-26T09:00:00Z', restore_until: '2026-12-26T09:00:00Z', restore_by_operator: true };
    render(App, { api: closedApi(details) });
    await signIn();

    const notice = (await screen.findByTestId('signin-closed')).textContent ?? '';
    expect(notice).toContain('оператор центра обслуживания');
    expect(notice).not.toContain('код из SMS');
    expect(screen.getByTestId('restore-start')).toBeTruthy();
  });

  it('saves and prints the «Подтверждение закрытия» through the closure commands', async () => {
    const api = closedApi({ closed_on: '2026-11-26T09:00:00Z', restore_until: '2026-12-26T09:00:00Z' });
    render(App, { api });
    await signIn();

    await userEvent.click(await screen.findByTestId('closed-confirmation-save'));
    const credentials = { identifier: '+79123456789', password: 'Zq8#mW2!rLp' };
    expect(api.closure.saveClosedConfirmation).toHaveBeenCalledWith(credentials);
    expect((await screen.findByTestId('closed-confirmation-saved-path')).textContent).toBe(
      '/home/citizen/Подтверждение закрытия.pdf',
    );
    await userEvent.click(screen.getByTestId('closed-confirmation-print'));
    expect(api.closure.printClosedConfirmation).toHaveBeenCalledWith(credentials);
    expect((await screen.findByTestId('closed-confirmation-printed')).dataset.outcome).toBe('sent');
  });

  it('offers no restoration once its time is over', async () => {
    render(App, { api: closedApi({ closed_on: '2026-10-01T09:00:00Z' }) });
    await signIn();

    expect(await screen.findByTestId('signin-closed-final')).toBeTruthy();
    expect(screen.queryByTestId('restore-start')).toBeNull();
  });

  it('shows a passport that does not match at its field, and a wrong code at the code', async () => {
    const restoreComplete = vi
      .fn()
      .mockRejectedValueOnce(
        apiError('validation', 'Проверьте поля', [
          { field: 'passport', code: 'passport_mismatch', message: 'Номер паспорта не совпадает с профилем' },
        ]),
      )
      .mockRejectedValueOnce(apiError('code_wrong', 'Неверный код', [], { attempts_left: 2 }));
    const api = closedApi(
      { closed_on: '2026-11-26T09:00:00Z', restore_until: '2026-12-26T09:00:00Z' },
      fakeClosureApi({ restoreComplete }),
    );
    render(App, { api });
    await signIn();
    await userEvent.click(await screen.findByTestId('restore-start'));
    await userEvent.click(await screen.findByTestId('restore-send-code'));
    await userEvent.type(await screen.findByTestId('restore-code'), '654321');
    await userEvent.type(screen.getByTestId('restore-passport'), '4510 000000');

    await userEvent.click(screen.getByTestId('restore-submit'));
    expect((await screen.findByTestId('error-passport')).textContent).toBe('Номер паспорта не совпадает с профилем');
    await userEvent.click(screen.getByTestId('restore-submit'));
    expect((await screen.findByTestId('error-code')).textContent).toBe('Неверный код');
    expect(screen.queryByTestId('restore-done')).toBeNull();
  });

  it('tells that an operator decides when the core sends it there', async () => {
    const api = closedApi(
      { closed_on: '2026-11-26T09:00:00Z', restore_until: '2026-12-26T09:00:00Z' },
      fakeClosureApi({ restoreStart: vi.fn(async () => 'sent_to_operator' as const) }),
    );
    render(App, { api });
    await signIn();
    await userEvent.click(await screen.findByTestId('restore-start'));
    await userEvent.click(await screen.findByTestId('restore-send-code'));

    expect((await screen.findByTestId('restore-operator')).textContent).toContain('оператор');
    expect(screen.queryByTestId('restore-code')).toBeNull();
    await userEvent.click(screen.getByTestId('restore-to-signin'));
    expect(await screen.findByTestId('signin-form')).toBeTruthy();
  });

  it('lists open debts that block the restoration in the summary', async () => {
    const message = 'Восстановление невозможно: есть задолженности — Штраф: Госавтоинспекция, 1 500,50 ₽';
    const api = closedApi(
      { closed_on: '2026-11-26T09:00:00Z', restore_until: '2026-12-26T09:00:00Z' },
      fakeClosureApi({
        restoreStart: vi.fn(async () => {
          throw apiError('closure_blocked', message);
        }),
      }),
    );
    render(App, { api });
    await signIn();
    await userEvent.click(await screen.findByTestId('restore-start'));
    await userEvent.click(await screen.findByTestId('restore-send-code'));

    expect((await screen.findByTestId('error-summary-message')).textContent).toBe(message);
  });
});

describe('the home page of an account waiting to be closed', () => {
  it('names the request and leads to «Закрыть профиль»', async () => {
    const onopen = vi.fn();
    const api = fakeClosureApi({ status: vi.fn(async () => fakePendingClosure()) });
    render(PendingNotice, { api, onopen });

    expect((await screen.findByTestId('home-closure-request')).textContent).toContain('ЗК-2026-000001');
    expect(screen.getByTestId('home-closure-what').textContent).toContain('если не отозвать');
    await userEvent.click(screen.getByTestId('home-closure-open'));
    expect(onopen).toHaveBeenCalledOnce();
  });

  it('shows the notice only while the account waits to be closed', async () => {
    const api = fakeApi({
      session: fakeSessionApi({ current: vi.fn(async () => fakeSession({ status: 'pending_closure' })) }),
      closure: fakeClosureApi({ status: vi.fn(async () => fakePendingClosure()) }),
    });
    render(App, { api });
    expect(await screen.findByTestId('home-closure-pending')).toBeTruthy();
    await userEvent.click(screen.getByTestId('home-closure-open'));
    expect(await screen.findByTestId('closure-request-number')).toBeTruthy();
  });

  it('shows no notice on an active account', async () => {
    const api = fakeApi({ session: fakeSessionApi({ current: vi.fn(async () => fakeSession()) }) });
    render(App, { api });
    expect(await screen.findByTestId('home-full-name')).toBeTruthy();
    expect(screen.queryByTestId('home-closure-pending')).toBeNull();
    expect(api.closure.status).not.toHaveBeenCalled();
  });
});

describe('«Закрыть профиль» in the account', () => {
  const blocked = () =>
    fakeClosureApi({
      prechecks: vi.fn(async () =>
        fakePrechecks([
          fakePrecheckItem({ kind: 'unfinished_application', blocking: true, reference: '2026-000001' }),
          fakePrecheckItem({ kind: 'open_debt', blocking: true, reference: '7' }),
        ]),
      ),
    });

  function signedIn(closure = blocked()) {
    const api = fakeApi({ session: fakeSessionApi({ current: vi.fn(async () => fakeSession()) }), closure });
    render(App, { api });
    return api;
  }

  it('opens a blocking application in «Мои заявления»', async () => {
    const api = signedIn();
    await userEvent.click(await screen.findByTestId('nav-closure'));
    await userEvent.click(await screen.findByTestId('closure-check-open-2026-000001'));

    expect((await screen.findByTestId('app-detail')).dataset.number).toBe('2026-000001');
    expect(api.applications.get).toHaveBeenCalledWith({ number: '2026-000001' });
    expect(screen.getByTestId('account').dataset.page).toBe('applications');
  });

  it('leads from a debt to «Задолженности»', async () => {
    signedIn();
    await userEvent.click(await screen.findByTestId('nav-closure'));
    await userEvent.click(await screen.findByTestId('closure-check-debts'));

    expect(await screen.findByTestId('debts')).toBeTruthy();
  });

  it('leaves for the sign-in screen when the session is gone (the account was closed)', async () => {
    const status = vi
      .fn()
      .mockResolvedValueOnce(fakePendingClosure())
      .mockRejectedValueOnce(apiError('not_signed_in', 'Войдите снова'));
    signedIn(fakeClosureApi({ status }));
    await userEvent.click(await screen.findByTestId('nav-closure'));
    await userEvent.click(await screen.findByTestId('closure-status-refresh'));

    expect(await screen.findByTestId('session-ended')).toBeTruthy();
    expect(screen.getByTestId('signin-form')).toBeTruthy();
  });
});

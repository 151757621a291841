import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClosureApi } from '../api/types';
import {
  apiError,
  fakeApplicationsApi,
  fakeClosureApi,
  fakeClosureStatus,
  fakeDocumentsApi,
  fakeExportsApi,
  fakePendingClosure,
  fakePrecheckItem,
  fakePrechecks,
  mockTauriChannels,
} from '../testing/fakes';
import ClosurePage from './ClosurePage.svelte';

const APPLICATION = fakePrecheckItem({
  kind: 'unfinished_application',
  blocking: true,
  title: 'Заявление № 2026-000001 — Загранпаспорт: Принято',
  action: 'Отмените заявление или дождитесь результата',
  reference: '2026-000001',
});
const DEBT = fakePrecheckItem({
  kind: 'open_debt',
  blocking: true,
  title: 'Штраф: Госавтоинспекция, 1 500,50 ₽ (Превышение скорости)',
  action: 'Оплатите задолженность',
  reference: '7',
});

function setup(closure: Partial<ClosureApi> = {}) {
  const props = {
    api: fakeClosureApi(closure),
    documents: fakeDocumentsApi({ saveAs: vi.fn(async (number: string) => `/home/anna/${number}.pdf`) }),
    applications: fakeApplicationsApi(),
    exports: fakeExportsApi(),
    onapplication: vi.fn(),
    ondebts: vi.fn(),
    onchanged: vi.fn(),
  };
  render(ClosurePage, props);
  return props;
}

/** From step 2 (nothing blocking) to step 5 with «Неактуальность». */
async function toConfirm() {
  await userEvent.click(await screen.findByTestId('closure-continue'));
  await userEvent.click(await screen.findByTestId('closure-save-continue'));
  await userEvent.click(await screen.findByTestId('closure-reason-not_needed'));
  await userEvent.click(screen.getByTestId('closure-reason-continue'));
  await screen.findByTestId('closure-confirm');
}

async function fillConfirm() {
  await userEvent.type(screen.getByTestId('closure-password'), 'Zq8#mW2!rLp');
  await userEvent.click(screen.getByTestId('closure-send-code'));
  await userEvent.type(await screen.findByTestId('closure-code'), '123456');
  await userEvent.click(screen.getByTestId('closure-consent'));
}

describe('ClosurePage', () => {
  beforeEach(mockTauriChannels);
  afterEach(clearMocks);

  it('lists what blocks the closure and keeps «Продолжить» disabled until it is dealt with', async () => {
    const prechecks = vi
      .fn()
      .mockResolvedValueOnce(fakePrechecks([APPLICATION, DEBT, fakePrecheckItem()]))
      .mockResolvedValueOnce(fakePrechecks([fakePrecheckItem()]));
    const props = setup({ prechecks });

    expect((await screen.findByTestId('closure-status')).dataset.status).toBe('active');
    const items = await screen.findAllByTestId('closure-check-item');
    expect(items.map((item) => [item.dataset.kind, item.dataset.blocking])).toEqual([
      ['unfinished_application', 'true'],
      ['open_debt', 'true'],
      ['unsaved_documents', 'false'],
    ]);
    expect(within(items[0]).getByTestId('closure-check-action').textContent).toBe(APPLICATION.action);
    expect((screen.getByTestId('closure-continue') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('closure-blocked-note')).toBeTruthy();

    await userEvent.click(screen.getByTestId('closure-check-open-2026-000001'));
    expect(props.onapplication).toHaveBeenCalledWith('2026-000001');
    await userEvent.click(screen.getByTestId('closure-check-debts'));
    expect(props.ondebts).toHaveBeenCalledOnce();

    await userEvent.click(screen.getByTestId('closure-recheck'));
    await vi.waitFor(() => expect(screen.getAllByTestId('closure-check-item')).toHaveLength(1));
    expect((screen.getByTestId('closure-continue') as HTMLButtonElement).disabled).toBe(false);
  });

  it('cancels an unfinished application in place with a reason and checks again', async () => {
    const prechecks = vi
      .fn()
      .mockResolvedValueOnce(fakePrechecks([APPLICATION]))
      .mockResolvedValueOnce(fakePrechecks([]));
    const props = setup({ prechecks });

    await userEvent.click(await screen.findByTestId('closure-check-cancel-2026-000001'));
    await userEvent.type(screen.getByTestId('app-cancel-reason'), 'Закрываю кабинет');
    await userEvent.click(screen.getByTestId('app-cancel-confirm'));

    expect(props.applications.cancel).toHaveBeenCalledWith({ number: '2026-000001', reason: 'Закрываю кабинет' });
    expect((await screen.findByTestId('closure-check-cancelled')).textContent).toContain('2026-000001');
    expect(await screen.findByTestId('closure-check-none')).toBeTruthy();
    expect((screen.getByTestId('closure-continue') as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers the three exports at step 3', async () => {
    const props = setup();
    await userEvent.click(await screen.findByTestId('closure-continue'));

    await userEvent.click(await screen.findByTestId('export-json'));
    expect(props.exports.personalData).toHaveBeenCalledWith({ format: 'json' });
    expect((await screen.findByTestId('export-data-done-path')).textContent).toContain('.json');
    await userEvent.click(screen.getByTestId('export-history'));
    expect(props.exports.historyPdf).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByTestId('export-zip'));
    expect(props.exports.documentsZip).toHaveBeenCalledOnce();
  });

  it('asks for words when the reason is «Иное»', async () => {
    setup();
    await userEvent.click(await screen.findByTestId('closure-continue'));
    await userEvent.click(await screen.findByTestId('closure-save-continue'));

    await userEvent.click(await screen.findByTestId('closure-reason-continue'));
    expect((await screen.findByTestId('error-reason')).textContent).toBe('Выберите причину закрытия');

    await userEvent.click(screen.getByTestId('closure-reason-other'));
    await userEvent.click(screen.getByTestId('closure-reason-continue'));
    expect((await screen.findByTestId('error-reason')).textContent).toBe('Опишите причину закрытия');
    expect(screen.getByTestId('closure-reason-text').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('closure-confirm')).toBeNull();

    await userEvent.type(screen.getByTestId('closure-reason-text'), 'Переезжаю за границу');
    await userEvent.click(screen.getByTestId('closure-reason-continue'));
    expect((await screen.findByTestId('closure-confirm-reason')).textContent).toBe('Переезжаю за границу');
    expect(screen.getByTestId('closure-consequences').textContent).toContain('30 дней');
  });

  it('sends the reason text with «Иное» and brings a refused one back to step 4', async () => {
    const submit = vi.fn(async () => {
      throw apiError('validation', 'Проверьте поля', [{ field: 'reason', code: 'too_short', message: 'Не меньше 3 символов' }]);
    });
    setup({ submit });
    await userEvent.click(await screen.findByTestId('closure-continue'));
    await userEvent.click(await screen.findByTestId('closure-save-continue'));
    await userEvent.click(await screen.findByTestId('closure-reason-other'));
    await userEvent.type(screen.getByTestId('closure-reason-text'), ' аб ');
    await userEvent.click(screen.getByTestId('closure-reason-continue'));
    await fillConfirm();
    await userEvent.click(screen.getByTestId('closure-submit'));

    expect(submit).toHaveBeenCalledWith({
      reason: 'other',
      reason_text: 'аб',
      password: 'Zq8#mW2!rLp',
      code: '123456',
      consent: true,
    });
    expect((await screen.findByTestId('error-reason')).textContent).toBe('Не меньше 3 символов');
    expect((screen.getByTestId('closure-reason-text') as HTMLTextAreaElement).value).toBe(' аб ');
  });

  it('shows the core’s refusals at their fields', async () => {
    const submit = vi.fn(async () => {
      throw apiError('validation', 'Проверьте поля', [
        { field: 'password', code: 'required', message: 'Введите пароль' },
        { field: 'code', code: 'required', message: 'Введите код' },
        { field: 'closure_consent', code: 'not_accepted', message: 'Подтвердите согласие' },
      ]);
    });
    setup({ submit });
    await toConfirm();
    await userEvent.click(screen.getByTestId('closure-submit'));

    expect((await screen.findByTestId('error-password')).textContent).toBe('Введите пароль');
    expect(screen.getByTestId('error-code').textContent).toBe('Введите код');
    expect(screen.getByTestId('error-closure_consent').textContent).toBe('Подтвердите согласие');
    expect(screen.getByTestId('error-summary-closure_consent')).toBeTruthy();
  });

  it('puts a wrong code at the code field and closure_blocked in the summary', async () => {
    const submit = vi
      .fn()
      .mockRejectedValueOnce(apiError('code_wrong', 'Неверный код', [], { attempts_left: 2 }))
      .mockRejectedValueOnce(
        apiError('closure_blocked', 'Закрыть кабинет пока нельзя: Штраф — Оплатите задолженность'),
      );
    setup({ submit });
    await toConfirm();
    await fillConfirm();
    await userEvent.click(screen.getByTestId('closure-submit'));

    expect((await screen.findByTestId('error-code')).textContent).toBe('Неверный код');
    expect(screen.getByTestId('closure-code-attempts').textContent).toContain('2');

    await userEvent.click(screen.getByTestId('closure-submit'));
    expect((await screen.findByTestId('error-summary-message')).textContent).toBe(
      'Закрыть кабинет пока нельзя: Штраф — Оплатите задолженность',
    );
    expect(screen.queryByTestId('error-code')).toBeNull();
  });

  it('shows the result with the number, status, deadline and PDFs', async () => {
    const props = setup();
    await toConfirm();
    await fillConfirm();
    expect((await screen.findByTestId('closure-code-sent')).textContent).toContain('+79123456789');
    await userEvent.click(screen.getByTestId('closure-submit'));

    expect((await screen.findByTestId('closure-result-number')).textContent).toBe('ЗК-2026-000001');
    expect(screen.getByTestId('closure-result-status').textContent).toBe('Ожидает закрытия');
    expect(screen.getByTestId('closure-result-deadline').textContent).toContain('27.11.2026');
    expect(screen.getByTestId('closure-status').dataset.status).toBe('pending_closure');
    expect(screen.queryByTestId('closure-flow')).toBeNull();
    expect(props.onchanged).toHaveBeenCalledOnce();

    const docs = screen.getAllByTestId('closure-doc');
    expect(docs.map((doc) => doc.dataset.kind)).toEqual(['application', 'blank']);
    await userEvent.click(screen.getByTestId('closure-doc-save-application'));
    expect(props.documents.saveAs).toHaveBeenCalledWith('ЗЛК-2026-000001');
    expect((await screen.findByTestId('closure-doc-saved-path')).textContent).toBe('/home/anna/ЗЛК-2026-000001.pdf');
  });

  it('shows a pending request with what is pending and withdraws it', async () => {
    const props = setup({
      status: vi.fn(async () => fakePendingClosure({ calendar_notices: ['Календарь на 2027 год не загружен'] })),
    });

    expect((await screen.findByTestId('closure-request-number')).textContent).toBe('ЗК-2026-000001');
    expect(screen.getByTestId('closure-request-deadline').textContent).toContain('27.11.2026');
    expect(screen.getByTestId('closure-request-reason').textContent).toBe('Неактуальность');
    expect(screen.getByTestId('closure-request-pending').textContent).toContain('если не отозвать');
    expect(screen.getByTestId('closure-calendar-notice').textContent).toBe('Календарь на 2027 год не загружен');
    expect(screen.queryByTestId('closure-flow')).toBeNull();

    await userEvent.click(screen.getByTestId('closure-withdraw'));

    expect(props.api.withdraw).toHaveBeenCalledOnce();
    expect((await screen.findByTestId('closure-withdrawn')).textContent).toContain('ЗК-2026-000001');
    expect(screen.getByTestId('closure-status').dataset.status).toBe('active');
    expect(await screen.findByTestId('closure-prechecks')).toBeTruthy();
    expect(props.onchanged).toHaveBeenCalledOnce();
  });

  it('offers no withdrawal once the request is being carried out', async () => {
    setup({ status: vi.fn(async () => fakePendingClosure({ can_withdraw: false })) });

    expect(await screen.findByTestId('closure-withdraw-closed')).toBeTruthy();
    expect(screen.queryByTestId('closure-withdraw')).toBeNull();
  });

  it('shows a late withdrawal’s refusal in the summary', async () => {
    const message = 'Заявление уже исполняется — отозвать его нельзя';
    setup({
      status: vi.fn(async () => fakePendingClosure()),
      withdraw: vi.fn(async () => {
        throw apiError('wrong_state', message);
      }),
    });

    await userEvent.click(await screen.findByTestId('closure-withdraw'));
    expect((await screen.findByTestId('error-summary-message')).textContent).toBe(message);
    expect(screen.getByTestId('closure-status').dataset.status).toBe('pending_closure');
  });

  it('says the last request of an active account', async () => {
    setup({
      status: vi.fn(async () =>
        fakeClosureStatus({ request: { ...fakePendingClosure().request!, status: 'withdrawn', status_label: 'Отозвано' } }),
      ),
    });
    expect((await screen.findByTestId('closure-last-request')).textContent).toContain('ЗК-2026-000001: Отозвано');
  });
});

import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ApplicationDetail, CancelApplication } from '../api/contract';
import { apiError, fakeApplicationDetail, fakeApplicationsApi, fakeApplicationSummary } from '../testing/fakes';
import ApplicationsPage from './ApplicationsPage.svelte';

const rows = () =>
  screen.getAllByTestId('app-row').map((row) => [row.dataset.number, row.dataset.status]);

function inReview(): ApplicationDetail {
  const detail = fakeApplicationDetail({ status: 'in_review', status_label: 'На рассмотрении' });
  detail.history.push({
    status: 'in_review',
    status_label: 'На рассмотрении',
    at: '2026-11-26T07:30:00Z',
    comment: 'Передано в отдел',
    actor: 'operator',
  });
  return detail;
}

describe('ApplicationsPage', () => {
  it('lists applications with their status tag and dates, and asks again on «Обновить»', async () => {
    const list = vi
      .fn()
      .mockResolvedValueOnce([fakeApplicationSummary()])
      .mockResolvedValueOnce([fakeApplicationSummary({ status: 'in_review', status_label: 'На рассмотрении' })]);
    render(ApplicationsPage, { api: fakeApplicationsApi({ list }) });

    await screen.findByTestId('app-row');
    expect(rows()).toEqual([['2026-000001', 'accepted']]);
    expect(screen.getByTestId('app-row-status').textContent).toBe('Принято');
    expect(screen.getByTestId('app-row-service').textContent).toBe('Загранпаспорт');
    expect(screen.getByTestId('app-row-submitted').textContent).toMatch(/^\d\d\.\d\d\.2026$/);

    await userEvent.click(screen.getByTestId('app-refresh'));
    await vi.waitFor(() => expect(rows()).toEqual([['2026-000001', 'in_review']]));
    expect(screen.getByTestId('app-row-status').textContent).toBe('На рассмотрении');
  });

  it('says so when there are none', async () => {
    render(ApplicationsPage, { api: fakeApplicationsApi() });
    expect((await screen.findByTestId('app-empty')).textContent).toBe('Вы ещё не подавали заявлений.');
  });

  it('submits: a service from the catalogue, its form, then the number in a panel', async () => {
    const api = fakeApplicationsApi({ submit: vi.fn(async () => fakeApplicationDetail({ number: '2026-000007' })) });
    render(ApplicationsPage, { api });

    await userEvent.click(await screen.findByTestId('app-new'));
    await userEvent.click(await screen.findByTestId('app-service-continue'));
    expect((await screen.findByTestId('error-service')).textContent).toBe('Выберите услугу, на которую подаёте заявление');
    expect(screen.getByTestId('app-choose').textContent).toContain('МВД России · обычно 30 дн.');

    await userEvent.click(screen.getByTestId('app-service-passport_foreign'));
    await userEvent.click(screen.getByTestId('app-service-continue'));
    await userEvent.click(await screen.findByTestId('app-field-term-0'));
    await userEvent.click(screen.getByTestId('app-submit'));

    expect((await screen.findByTestId('app-submitted-number')).textContent).toBe('2026-000007');
    await userEvent.click(screen.getByTestId('app-submitted-open'));
    expect(api.get).toHaveBeenCalledWith({ number: '2026-000007' });
  });

  it('shows one application: the form, the history with who and comment', async () => {
    const api = fakeApplicationsApi({
      list: vi.fn(async () => [fakeApplicationSummary()]),
      get: vi.fn(async () => inReview()),
    });
    render(ApplicationsPage, { api });

    await userEvent.click(await screen.findByTestId('app-open-2026-000001'));
    expect((await screen.findByTestId('app-detail-status')).textContent).toBe('На рассмотрении');
    expect(screen.getByTestId('app-detail-agency').textContent).toBe('МВД России');
    expect(screen.getByTestId('app-form-term').textContent).toBe('5 лет');
    const steps = screen.getAllByTestId('app-history-item');
    expect(steps.map((step) => step.dataset.status)).toEqual(['accepted', 'in_review']);
    expect(within(steps[0]).getByTestId('app-history-actor').textContent).toBe('Гражданин');
    expect(within(steps[1]).getByTestId('app-history-actor').textContent).toBe('Оператор');
    expect(within(steps[1]).getByTestId('app-history-comment').textContent).toBe('Передано в отдел');
    expect(within(steps[1]).getByTestId('app-history-at').textContent).toMatch(/^\d\d\.\d\d\.2026 \d\d:\d\d:\d\d$/);

    await userEvent.click(screen.getByTestId('app-detail-back'));
    expect(await screen.findByTestId('applications')).toBeTruthy();
    expect(api.list).toHaveBeenCalledTimes(2);
  });

  it('cancels an unfinished one with a reason; the reason’s error shows at the field', async () => {
    const cancel = vi
      .fn()
      .mockRejectedValueOnce(
        apiError('validation', 'Проверьте поля', [{ field: 'reason', code: 'too_short', message: 'Причина слишком короткая' }]),
      )
      .mockResolvedValueOnce(
        fakeApplicationDetail({ status: 'cancelled', status_label: 'Отменено', unfinished: false }),
      );
    const api = fakeApplicationsApi({ list: vi.fn(async () => [fakeApplicationSummary()]), cancel });
    render(ApplicationsPage, { api });

    await userEvent.click(await screen.findByTestId('app-open-2026-000001'));
    await userEvent.click(await screen.findByTestId('app-cancel'));
    await userEvent.type(screen.getByTestId('app-cancel-reason'), 'не');
    await userEvent.click(screen.getByTestId('app-cancel-confirm'));
    expect((await screen.findByTestId('error-reason')).textContent).toBe('Причина слишком короткая');

    await userEvent.type(screen.getByTestId('app-cancel-reason'), ' нужно');
    await userEvent.click(screen.getByTestId('app-cancel-confirm'));
    expect(cancel).toHaveBeenLastCalledWith({ number: '2026-000001', reason: 'не нужно' } satisfies CancelApplication);
    expect(await screen.findByTestId('app-cancelled')).toBeTruthy();
    expect(screen.getByTestId('app-detail-status').textContent).toBe('Отменено');
    expect(screen.getByTestId('app-detail').dataset.status).toBe('cancelled');
    expect(screen.queryByTestId('app-cancel')).toBeNull();
  });

  it('offers no cancel for a finished one, and shows the core’s refusal if it finished meanwhile', async () => {
    const cancel = vi.fn(async () => {
      throw apiError('wrong_state', 'Заявление уже рассмотрено — отменить его нельзя');
    });
    const get = vi
      .fn()
      .mockResolvedValueOnce(fakeApplicationDetail({ status: 'completed', status_label: 'Завершено', unfinished: false }))
      .mockResolvedValueOnce(fakeApplicationDetail());
    const api = fakeApplicationsApi({ list: vi.fn(async () => [fakeApplicationSummary()]), get, cancel });
    render(ApplicationsPage, { api });

    await userEvent.click(await screen.findByTestId('app-open-2026-000001'));
    await screen.findByTestId('app-detail-status');
    expect(screen.queryByTestId('app-cancel')).toBeNull();

    await userEvent.click(screen.getByTestId('app-detail-back'));
    await userEvent.click(await screen.findByTestId('app-open-2026-000001'));
    await userEvent.click(await screen.findByTestId('app-cancel'));
    await userEvent.type(screen.getByTestId('app-cancel-reason'), 'Передумал');
    await userEvent.click(screen.getByTestId('app-cancel-confirm'));
    expect((await screen.findByTestId('error-summary-message')).textContent).toBe(
      'Заявление уже рассмотрено — отменить его нельзя',
    );
  });
});

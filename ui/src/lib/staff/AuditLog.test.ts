import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeAuditApi, fakeAuditPage, fakeAuditRow } from '../testing/fakes';
import AuditLog from './AuditLog.svelte';

const ROWS = [
  fakeAuditRow({ seq: 42, action: 'closure_decided', details: '{"request":"ЗК-2026-000001","approve":true}' }),
  fakeAuditRow({ seq: 41, who: 'cli:root', action: 'staff_added', target: 'i.sidorov', details: '{}' }),
];

describe('Журнал действий', () => {
  it('shows the newest page and filters by who, what, whom and days', async () => {
    const api = fakeAuditApi({ page: vi.fn(async ({ page }) => fakeAuditPage(ROWS, { page, pages: 3, total: 120 })) });
    render(AuditLog, { api, onexpired: vi.fn(() => false) });

    const rows = await screen.findAllByTestId('audit-row');
    expect(api.page).toHaveBeenCalledWith({ page: 1 });
    expect(rows.map((row) => row.dataset.seq)).toEqual(['42', '41']);
    expect(within(rows[0]).getByTestId('audit-who').textContent).toBe('a.petrova');
    expect(within(rows[0]).getByTestId('audit-what').textContent).toBe('closure_decided');
    expect(within(rows[0]).getByTestId('audit-whom').textContent).toBe('482-913-075');
    expect(within(rows[0]).getByTestId('audit-details').textContent).toContain('ЗК-2026-000001');
    expect(screen.getByTestId('audit-total').textContent).toBe('Записей: 120');

    await userEvent.type(screen.getByTestId('audit-login'), 'a.petrova');
    await userEvent.type(screen.getByTestId('audit-action'), 'closure_decided');
    await userEvent.type(screen.getByTestId('audit-target'), '482-913-075');
    await userEvent.type(screen.getByTestId('audit-from'), '01.11.2026');
    await userEvent.type(screen.getByTestId('audit-to'), '30.11.2026');
    await userEvent.click(screen.getByTestId('audit-apply'));
    const filters = { login: 'a.petrova', action: 'closure_decided', target: '482-913-075', from: '01.11.2026', to: '30.11.2026' };
    expect(api.page).toHaveBeenLastCalledWith({ page: 1, ...filters });

    await userEvent.click(screen.getByTestId('audit-pager-next'));
    expect(api.page).toHaveBeenLastCalledWith({ page: 2, ...filters });

    await userEvent.click(screen.getByTestId('audit-reset'));
    expect(api.page).toHaveBeenLastCalledWith({ page: 1 });
    expect((screen.getByTestId('audit-login') as HTMLInputElement).value).toBe('');
  });

  it('puts a wrong day at its filter', async () => {
    const page = vi
      .fn()
      .mockResolvedValueOnce(fakeAuditPage(ROWS))
      .mockRejectedValueOnce(
        apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'date_from', code: 'date_format', message: 'С: дата в формате ДД.ММ.ГГГГ' },
        ]),
      );
    render(AuditLog, { api: fakeAuditApi({ page }), onexpired: vi.fn(() => false) });
    await screen.findAllByTestId('audit-row');

    await userEvent.type(screen.getByTestId('audit-from'), '2026-11-01');
    await userEvent.click(screen.getByTestId('audit-apply'));

    expect((await screen.findByTestId('error-date_from')).textContent).toContain('ДД.ММ.ГГГГ');
    expect(screen.getAllByTestId('audit-row')).toHaveLength(2);
  });

  it('puts a too long action or whom at its filter', async () => {
    const page = vi
      .fn()
      .mockResolvedValueOnce(fakeAuditPage(ROWS))
      .mockRejectedValueOnce(
        apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'action', code: 'too_long', message: 'Действие: слишком длинное значение' },
          { field: 'target', code: 'too_long', message: 'Кого касается: слишком длинное значение' },
        ]),
      );
    render(AuditLog, { api: fakeAuditApi({ page }), onexpired: vi.fn(() => false) });
    await screen.findAllByTestId('audit-row');

    await userEvent.type(screen.getByTestId('audit-action'), 'x'.repeat(101));
    await userEvent.click(screen.getByTestId('audit-apply'));

    expect((await screen.findByTestId('error-action')).textContent).toContain('Действие: слишком длинное значение');
    expect(screen.getByTestId('error-target').textContent).toContain('Кого касается: слишком длинное значение');
    expect(screen.getByTestId('error-summary-action').getAttribute('href')).toBe('#field-audit-action');
    expect(screen.getByTestId('error-summary-target').getAttribute('href')).toBe('#field-audit-target');
    expect(screen.queryByTestId('error-summary-message')).toBeNull();
    expect(screen.getAllByTestId('audit-row')).toHaveLength(2);
  });

  it('checks the chain: intact with its head, or where it broke', async () => {
    const verify = vi
      .fn()
      .mockResolvedValueOnce({ ok: true, rows: 42, head_seq: 42, head_hash: 'ab12', broken_at: null, reason: null })
      .mockResolvedValueOnce({ ok: false, rows: 42, head_seq: 42, head_hash: 'ab12', broken_at: 17, reason: 'changed' });
    const api = fakeAuditApi({ verify });
    render(AuditLog, { api, onexpired: vi.fn(() => false) });

    await userEvent.click(screen.getByTestId('audit-verify'));
    expect(verify).toHaveBeenCalledWith({});
    const intact = await screen.findByTestId('audit-verify-result');
    expect(intact.dataset.ok).toBe('true');
    expect(intact.textContent?.trim()).toBe('Цепочка цела: 42 записи, вершина 42:ab12');

    await userEvent.type(screen.getByTestId('audit-head'), '40:ffee');
    await userEvent.click(screen.getByTestId('audit-verify'));
    expect(verify).toHaveBeenLastCalledWith({ head: '40:ffee' });
    await vi.waitFor(() => expect(screen.getByTestId('audit-verify-result').dataset.ok).toBe('false'));
    expect(screen.getByTestId('audit-verify-result').textContent).toContain('в записи № 17: запись изменена');
  });
});

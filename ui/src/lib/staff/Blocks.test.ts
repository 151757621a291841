import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeBlock, fakeForcedApi } from '../testing/fakes';
import Blocks from './Blocks.svelte';

describe('Блокировки', () => {
  it('lists the blocks in force and lifts one', async () => {
    const api = fakeForcedApi({
      list: vi
        .fn()
        .mockResolvedValueOnce({ cases: [], blocks: [fakeBlock(), fakeBlock({ account_number: '111-222-333', case_number: 'ПЗ-2026-000002' })] })
        .mockResolvedValueOnce({ cases: [], blocks: [] }),
    });
    render(Blocks, { api, onexpired: vi.fn(() => false) });

    const [first, second] = await screen.findAllByTestId('block-item');
    expect(first.dataset.account).toBe('482-913-075');
    expect(within(first).getByTestId('block-reason-text').textContent).toContain('Проверка обращения');
    expect(within(first).getByTestId('block-until-day').textContent).toBe('10.12.2026');
    expect(second.dataset.case).toBe('ПЗ-2026-000002');

    await userEvent.click(within(first).getByTestId('block-unblock'));

    expect(api.unblock).toHaveBeenCalledWith({ account_number: '482-913-075' });
    expect((await screen.findByTestId('block-lifted')).textContent).toContain('482-913-075 разблокирован');
    expect(await screen.findByTestId('blocks-empty')).toBeTruthy();
  });

  it('blocks an account through a day', async () => {
    const api = fakeForcedApi();
    render(Blocks, { api, onexpired: vi.fn(() => false) });

    await userEvent.type(screen.getByTestId('block-account-number'), '482-913-075');
    await userEvent.type(screen.getByTestId('block-reason'), 'Проверка обращения');
    await userEvent.type(screen.getByTestId('block-until'), '10.12.2026');
    await userEvent.click(screen.getByTestId('block-submit'));

    expect(api.block).toHaveBeenCalledWith({ account_number: '482-913-075', reason: 'Проверка обращения', until: '10.12.2026' });
    expect((await screen.findByTestId('block-added')).textContent).toContain('заблокирован по 10.12.2026');
    expect((screen.getByTestId('block-account-number') as HTMLInputElement).value).toBe('');
  });

  it('puts the core’s field errors at the block form', async () => {
    const api = fakeForcedApi({
      block: vi.fn(async () => {
        throw apiError('validation', 'Исправьте ошибки в форме', [
          { field: 'reason', code: 'required', message: 'Причина: обязательное поле — заполните его' },
          { field: 'blocked_until', code: 'block_too_long', message: 'Заблокирован до: не дальше чем на год вперёд' },
        ]);
      }),
    });
    render(Blocks, { api, onexpired: vi.fn(() => false) });

    await userEvent.type(screen.getByTestId('block-account-number'), '482-913-075');
    await userEvent.type(screen.getByTestId('block-until'), '10.12.2030');
    await userEvent.click(screen.getByTestId('block-submit'));

    expect((await screen.findByTestId('error-reason')).textContent).toContain('Причина');
    expect(screen.getByTestId('error-blocked_until').textContent).toContain('на год вперёд');
    expect(screen.queryByTestId('block-added')).toBeNull();
  });
});

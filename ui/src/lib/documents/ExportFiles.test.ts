import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeExportDone, fakeExportsApi } from '../testing/fakes';
import ExportFiles from './ExportFiles.svelte';

describe('ExportFiles', () => {
  it('saves the history and tells the page a document was issued', async () => {
    const api = fakeExportsApi();
    const onissued = vi.fn();
    render(ExportFiles, { api, onissued });

    await userEvent.click(screen.getByTestId('export-history'));
    expect((await screen.findByTestId('export-history-done-path')).textContent).toBe(
      '/home/anna/История обращений 482-913-075.pdf',
    );
    expect(onissued).toHaveBeenCalledTimes(1);
  });

  it('exports my data in each form; only the «Выписка» is an issued document', async () => {
    const api = fakeExportsApi();
    const onissued = vi.fn();
    render(ExportFiles, { api, onissued });

    for (const format of ['json', 'xml', 'pdf'] as const) {
      await userEvent.click(screen.getByTestId(`export-${format}`));
      expect(api.personalData).toHaveBeenLastCalledWith({ format });
      await vi.waitFor(() =>
        expect(screen.getByTestId('export-data-done-path').textContent).toBe(
          `/home/anna/Кабинет — мои данные 482-913-075.${format}`,
        ),
      );
    }
    expect(onissued).toHaveBeenCalledTimes(1);
  });

  it('a closed dialog shows nothing; an error shows the core’s message at its block', async () => {
    const personalData = vi
      .fn()
      .mockResolvedValueOnce(fakeExportDone())
      .mockResolvedValueOnce(null)
      .mockRejectedValueOnce(apiError('save_failed', 'Не удалось сохранить файл (StorageFull)'));
    const historyPdf = vi.fn(async () => {
      throw apiError('reauthentication_required', 'Введите пароль ещё раз');
    });
    render(ExportFiles, { api: fakeExportsApi({ personalData, historyPdf }), onissued: vi.fn() });

    await userEvent.click(screen.getByTestId('export-json'));
    expect(await screen.findByTestId('export-data-done')).toBeTruthy();
    await userEvent.click(screen.getByTestId('export-json'));
    await vi.waitFor(() => expect(screen.queryByTestId('export-data-done')).toBeNull());
    expect(screen.queryByTestId('export-data-error')).toBeNull();

    await userEvent.click(screen.getByTestId('export-xml'));
    expect((await screen.findByTestId('export-data-error')).textContent).toBe('Не удалось сохранить файл (StorageFull)');

    await userEvent.click(screen.getByTestId('export-history'));
    expect((await screen.findByTestId('export-history-error')).textContent).toBe('Введите пароль ещё раз');
    expect(screen.getByTestId('export-data-error')).toBeTruthy();
  });
});

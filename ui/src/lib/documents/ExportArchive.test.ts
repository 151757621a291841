import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Channel } from '@tauri-apps/api/core';
import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportDone, ExportProgress } from '../api/contract';
import { apiError, fakeExportDone, fakeExportsApi, mockTauriChannels } from '../testing/fakes';
import ExportArchive from './ExportArchive.svelte';

const MIB = 1024 * 1024;

/** A ZIP export the test drives: it reports steps and ends when told. */
function controlledZip() {
  let report: (step: ExportProgress) => void = () => undefined;
  let settle: { resolve: (done: ExportDone | null) => void; reject: (error: unknown) => void } | undefined;
  const documentsZip = vi.fn(
    (progress: Channel<ExportProgress>) =>
      new Promise<ExportDone | null>((resolve, reject) => {
        report = (step) => progress.onmessage(step);
        settle = { resolve, reject };
      }),
  );
  return {
    documentsZip,
    step: (step: ExportProgress) => report(step),
    finish: (done: ExportDone | null) => settle?.resolve(done),
    fail: (error: unknown) => settle?.reject(error),
  };
}

describe('ExportArchive', () => {
  beforeEach(mockTauriChannels);
  afterEach(clearMocks);

  it('shows each step of the progress, then where the archive was saved', async () => {
    const zip = controlledZip();
    render(ExportArchive, { api: fakeExportsApi({ documentsZip: zip.documentsZip }) });

    await userEvent.click(screen.getByTestId('export-zip'));
    expect((await screen.findByTestId('export-progress-text')).textContent).toBe('Собираем список файлов…');
    expect((screen.getByTestId('export-zip') as HTMLButtonElement).disabled).toBe(true);

    zip.step({ done: 12, total: 40, bytes_done: Math.round(3.1 * MIB), bytes_total: Math.round(9.8 * MIB) });
    await vi.waitFor(() =>
      expect(screen.getByTestId('export-progress-text').textContent).toBe('12 из 40 файлов, 3,1 из 9,8 МБ'),
    );
    const bar = screen.getByTestId('export-progress').querySelector('progress');
    expect(Number(bar?.value)).toBeCloseTo(3.1 / 9.8, 2);

    zip.finish(fakeExportDone({ path: '/home/anna/Кабинет — документы 482-913-075.zip', files: 40, bytes: 10_276_045 }));
    expect((await screen.findByTestId('export-done-path')).textContent).toBe('/home/anna/Кабинет — документы 482-913-075.zip');
    expect(screen.getByTestId('export-done-facts').textContent).toBe('Файлов: 40, размер 9,8 МБ');
    expect(screen.queryByTestId('export-progress')).toBeNull();
    expect((screen.getByTestId('export-zip') as HTMLButtonElement).disabled).toBe(false);
  });

  it('«Отменить» asks the core to stop; the cancelled run says the archive was not saved', async () => {
    const zip = controlledZip();
    const api = fakeExportsApi({ documentsZip: zip.documentsZip });
    render(ExportArchive, { api });

    await userEvent.click(screen.getByTestId('export-zip'));
    zip.step({ done: 1, total: 3, bytes_done: 10_000, bytes_total: 30_000 });
    await userEvent.click(await screen.findByTestId('export-cancel'));
    expect(api.cancel).toHaveBeenCalledTimes(1);
    expect((screen.getByTestId('export-cancel') as HTMLButtonElement).disabled).toBe(true);

    zip.fail(apiError('cancelled', 'Действие отменено'));
    expect((await screen.findByTestId('export-cancelled')).textContent).toContain('Архив не сохранён');
    expect(screen.queryByTestId('export-progress')).toBeNull();
    expect(screen.queryByTestId('export-done')).toBeNull();
    expect(screen.queryByTestId('export-zip-error')).toBeNull();
  });

  it('a closed save dialog shows nothing, and clears the last result', async () => {
    const documentsZip = vi.fn().mockResolvedValueOnce(fakeExportDone()).mockResolvedValueOnce(null);
    render(ExportArchive, { api: fakeExportsApi({ documentsZip }) });

    await userEvent.click(screen.getByTestId('export-zip'));
    expect(await screen.findByTestId('export-done')).toBeTruthy();
    await userEvent.click(screen.getByTestId('export-zip'));
    await vi.waitFor(() => expect(documentsZip).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(screen.queryByTestId('export-done')).toBeNull());
    expect(screen.queryByTestId('export-progress')).toBeNull();
    expect(screen.queryByTestId('export-zip-error')).toBeNull();
    expect(screen.queryByTestId('export-cancelled')).toBeNull();
  });

  it('shows the core’s reason when the archive could not be written', async () => {
    const documentsZip = vi.fn(async () => {
      throw apiError('save_failed', 'Не удалось сохранить файл (PermissionDenied)');
    });
    render(ExportArchive, { api: fakeExportsApi({ documentsZip }) });

    await userEvent.click(screen.getByTestId('export-zip'));
    expect((await screen.findByTestId('export-zip-error')).textContent).toBe('Не удалось сохранить файл (PermissionDenied)');
    expect(screen.queryByTestId('export-done')).toBeNull();
  });

  it('leaving the page while the archive is made cancels it', async () => {
    const zip = controlledZip();
    const api = fakeExportsApi({ documentsZip: zip.documentsZip });
    const { unmount } = render(ExportArchive, { api });

    await userEvent.click(screen.getByTestId('export-zip'));
    await screen.findByTestId('export-progress');
    unmount();
    expect(api.cancel).toHaveBeenCalledTimes(1);
  });
});

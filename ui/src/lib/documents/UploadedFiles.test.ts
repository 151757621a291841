import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeUpload, fakeUploadsApi } from '../testing/fakes';
import UploadedFiles from './UploadedFiles.svelte';

const passport = fakeUpload();
const snils = fakeUpload({ id: 2, kind: 'snils_scan', name: 'снилс.pdf', format: 'pdf', content_type: 'application/pdf', size: 2_516_582 });

describe('UploadedFiles', () => {
  it('lists the uploaded files with their facts', async () => {
    render(UploadedFiles, { api: fakeUploadsApi({ list: vi.fn(async () => [passport, snils]) }) });

    const rows = await screen.findAllByTestId('upload-list-row');
    expect(rows.map((row) => row.dataset.key)).toEqual(['1', '2']);
    expect(screen.getAllByTestId('upload-list-title').map((title) => title.textContent)).toEqual(['Скан паспорта', 'Скан СНИЛС']);
    expect(screen.getAllByTestId('upload-list-facts')[1].textContent).toBe('снилс.pdf · PDF, 2,4 МБ · загружен 25.11.2026');
  });

  it('says so when nothing was uploaded', async () => {
    render(UploadedFiles, { api: fakeUploadsApi() });
    expect((await screen.findByTestId('upload-list-empty')).textContent).toContain('«Мой профиль»');
  });

  it('shows an image in place and hides it again; a PDF opens in the system viewer', async () => {
    const api = fakeUploadsApi({ list: vi.fn(async () => [passport, snils]) });
    render(UploadedFiles, { api });

    const [viewImage, viewPdf] = await screen.findAllByTestId('upload-view');
    await userEvent.click(viewImage);
    expect(api.content).toHaveBeenCalledWith({ id: 1 });
    expect((await screen.findByTestId('upload-image')).getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await userEvent.click(viewImage);
    expect(screen.queryByTestId('upload-image')).toBeNull();

    await userEvent.click(viewPdf);
    expect(api.open).toHaveBeenCalledWith({ id: 2 });
    expect(await screen.findByTestId('upload-done')).toBeTruthy();
  });

  it('downloads the bytes under the file’s name, and shows a failure', async () => {
    const content = vi
      .fn()
      .mockResolvedValueOnce(new Uint8Array([1, 2, 3]).buffer)
      .mockRejectedValueOnce(apiError('not_found', 'Файл не найден'));
    const api = fakeUploadsApi({ list: vi.fn(async () => [passport]), content });
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    URL.createObjectURL = vi.fn(() => 'blob:fake');
    URL.revokeObjectURL = vi.fn();
    render(UploadedFiles, { api });

    await userEvent.click(await screen.findByTestId('upload-download'));
    await vi.waitFor(() => expect(clicked).toEqual(['паспорт.png']));
    await userEvent.click(screen.getByTestId('upload-download'));
    expect((await screen.findByTestId('upload-error')).textContent).toBe('Файл не найден');
    click.mockRestore();
  });

  it('shows why the list could not be read', async () => {
    const list = vi.fn(async () => {
      throw apiError('not_signed_in', 'Войдите снова');
    });
    render(UploadedFiles, { api: fakeUploadsApi({ list }) });
    expect((await screen.findByTestId('upload-list-failure')).textContent).toBe('Войдите снова');
  });
});

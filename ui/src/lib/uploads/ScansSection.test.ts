import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeUpload, fakeUploadsApi } from '../testing/fakes';
import { describe as describeUpload, READ_LIMIT } from './files';
import ScansSection from './ScansSection.svelte';

const png = (name = 'паспорт.png') =>
  new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], name, { type: 'image/png' });

describe('ScansSection', () => {
  it('shows what is stored for each kind', async () => {
    const api = fakeUploadsApi({
      list: vi.fn(async () => [fakeUpload({ kind: 'snils_scan', name: 'снилс.pdf', format: 'pdf', size: 2_516_582 })]),
    });
    render(ScansSection, { api });

    expect((await screen.findByTestId('scan-name-snils')).textContent).toBe('снилс.pdf');
    expect(screen.getByTestId('scan-meta-snils').textContent).toContain('PDF, 2,4 МБ');
    expect(screen.getByTestId('scan-name-passport').textContent).toBe('Не загружен');
    expect(screen.getByTestId('scan-upload-passport').textContent).toContain('Загрузить');
    expect(screen.getByTestId('scan-upload-snils').textContent).toContain('Заменить');
    expect(screen.queryByTestId('scan-view-passport')).toBeNull();
  });

  it('uploads the chosen file with its kind and name, then shows it', async () => {
    const api = fakeUploadsApi();
    render(ScansSection, { api });

    await userEvent.upload(await screen.findByTestId('scan-input-passport'), png());
    await userEvent.click(screen.getByTestId('scan-upload-passport'));

    expect(api.put).toHaveBeenCalledWith(expect.any(Uint8Array), {
      'kabinet-upload-kind': 'passport_scan',
      'kabinet-upload-name': encodeURIComponent('паспорт.png'),
    });
    const sent = vi.mocked(api.put).mock.calls[0][0];
    expect(Array.from(sent.slice(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect((await screen.findByTestId('scan-done-passport')).textContent).toBe('Скан загружен');
    expect(screen.getByTestId('scan-name-passport').textContent).toBe('паспорт.png');
    expect(screen.getByTestId('scan-meta-passport').textContent).toContain('PNG, 121 КБ');
  });

  it('replaces a stored scan by its number', async () => {
    const api = fakeUploadsApi({ list: vi.fn(async () => [fakeUpload({ id: 7 })]) });
    render(ScansSection, { api });

    await userEvent.upload(await screen.findByTestId('scan-input-passport'), png('новый.png'));
    await userEvent.click(screen.getByTestId('scan-upload-passport'));

    expect(api.put).toHaveBeenCalledWith(expect.any(Uint8Array), {
      'kabinet-upload-replaces': '7',
      'kabinet-upload-name': encodeURIComponent('новый.png'),
    });
    expect((await screen.findByTestId('scan-done-passport')).textContent).toBe('Скан заменён');
  });

  it('shows the core’s reason at the field', async () => {
    const message = 'Скан паспорта: файл должен быть PDF, JPEG или PNG';
    const api = fakeUploadsApi({
      put: vi.fn(async () => {
        throw apiError('validation', 'Исправьте ошибки', [{ field: 'passport_scan', code: 'scan_type', message }]);
      }),
    });
    render(ScansSection, { api });

    await userEvent.upload(await screen.findByTestId('scan-input-passport'), png('notes.png'));
    await userEvent.click(screen.getByTestId('scan-upload-passport'));

    expect((await screen.findByTestId('scan-error')).textContent).toContain(message);
    expect(screen.getByTestId('scan-input-passport').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('scan-name-passport').textContent).toBe('Не загружен');
  });

  it('asks for a file before sending', async () => {
    const api = fakeUploadsApi();
    render(ScansSection, { api });

    await userEvent.click(await screen.findByTestId('scan-upload-snils'));

    expect((await screen.findByTestId('scan-error')).textContent).toContain('Сначала выберите файл');
    expect(api.put).not.toHaveBeenCalled();
  });

  it('shows an image from its bytes and opens a PDF in the viewer', async () => {
    const api = fakeUploadsApi({
      list: vi.fn(async () => [
        fakeUpload({ id: 1 }),
        fakeUpload({ id: 2, kind: 'snils_scan', name: 'снилс.pdf', format: 'pdf', content_type: 'application/pdf' }),
      ]),
    });
    render(ScansSection, { api });

    await userEvent.click(await screen.findByTestId('scan-view-passport'));
    const image = await screen.findByTestId('scan-image-passport');
    expect(image.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(image.getAttribute('alt')).toBe('Скан паспорта: паспорт.png');
    await userEvent.click(screen.getByTestId('scan-view-passport'));
    expect(screen.queryByTestId('scan-image-passport')).toBeNull();

    await userEvent.click(screen.getByTestId('scan-view-snils'));
    expect(api.open).toHaveBeenCalledWith({ id: 2 });
    expect(screen.queryByTestId('scan-image-snils')).toBeNull();
  });

  it('deletes only after confirmation', async () => {
    const api = fakeUploadsApi({ list: vi.fn(async () => [fakeUpload({ id: 3 })]) });
    render(ScansSection, { api });

    await userEvent.click(await screen.findByTestId('scan-delete-passport'));
    await userEvent.click(screen.getByTestId('scan-delete-cancel-passport'));
    expect(api.delete).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId('scan-delete-passport'));
    await userEvent.click(screen.getByTestId('scan-delete-confirm-passport'));

    expect(api.delete).toHaveBeenCalledWith({ id: 3 });
    expect((await screen.findByTestId('scan-done-passport')).textContent).toBe('Скан удалён');
    expect(screen.getByTestId('scan-name-passport').textContent).toBe('Не загружен');
  });
});

describe('files', () => {
  it('describes sizes in KB below 1 MB and MB above', () => {
    expect(describeUpload({ format: 'jpeg', size: 10 })).toBe('JPEG, 1 КБ');
    expect(describeUpload({ format: 'png', size: 1024 * 1023 })).toBe('PNG, 1023 КБ');
    expect(describeUpload({ format: 'pdf', size: 10 * 1024 * 1024 })).toBe('PDF, 10,0 МБ');
  });

  it('reads one byte past the limit at most', () => {
    expect(READ_LIMIT).toBe(10 * 1024 * 1024 + 1);
  });
});

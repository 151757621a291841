import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeDocumentsApi, fakeExportsApi, fakeMyDocument, fakeUploadsApi } from '../testing/fakes';
import DocumentsPage from './DocumentsPage.svelte';

const older = fakeMyDocument();
const slip = fakeMyDocument({
  number: 'КПЛ-2026-000001',
  kind: 'identity_code_slip',
  title: 'Код подтверждения личности № КПЛ-2026-000001',
  available: false,
});

/** The page's other APIs, idle: these tests are about the issued documents. */
const others = () => ({ uploads: fakeUploadsApi(), exports: fakeExportsApi() });

describe('DocumentsPage', () => {
  it('lists the issued documents with their facts, and a slip without actions', async () => {
    render(DocumentsPage, { ...others(), api: fakeDocumentsApi({ mine: vi.fn(async () => [older, slip]) }) });

    const rows = await screen.findAllByTestId('doc-list-row');
    expect(rows.map((row) => row.dataset.key)).toEqual(['СРК-2026-000001', 'КПЛ-2026-000001']);
    expect(rows[0].textContent).toContain('Справка о регистрации личного кабинета № СРК-2026-000001');
    expect(screen.getAllByTestId('doc-list-facts')[0].textContent).toBe('выдан 25.11.2026 12:00 МСК · страниц: 1 · 88 КБ');
    expect(screen.getAllByTestId('doc-open')).toHaveLength(1);
    expect(screen.getByTestId('doc-not-kept').textContent).toContain('Файл не хранится');
  });

  it('says so when nothing was issued, then issues the certificate on top of the list', async () => {
    const issued = fakeMyDocument({ number: 'СРК-2026-000002', title: 'Справка … № СРК-2026-000002' });
    const api = fakeDocumentsApi({ issueRegistrationCertificate: vi.fn(async () => issued) });
    render(DocumentsPage, { ...others(), api });

    expect(await screen.findByTestId('doc-list-empty')).toBeTruthy();
    await userEvent.click(screen.getByTestId('doc-issue-registration'));
    expect((await screen.findByTestId('doc-issued')).textContent).toContain('Справка № СРК-2026-000002 готова');
    expect(screen.getAllByTestId('doc-list-row').map((row) => row.dataset.key)).toEqual(['СРК-2026-000002']);
  });

  it('opens, saves and prints through the api, and a cancelled dialog says nothing', async () => {
    const saveAs = vi.fn().mockResolvedValueOnce('/home/anna/Справка.pdf').mockResolvedValueOnce(null);
    const print = vi.fn().mockResolvedValueOnce('sent').mockResolvedValueOnce('opened_in_viewer').mockResolvedValueOnce('cancelled');
    const api = fakeDocumentsApi({ mine: vi.fn(async () => [older]), saveAs, print });
    render(DocumentsPage, { ...others(), api });

    await userEvent.click(await screen.findByTestId('doc-open'));
    expect(api.open).toHaveBeenCalledWith('СРК-2026-000001');
    expect(await screen.findByTestId('doc-opened')).toBeTruthy();

    await userEvent.click(screen.getByTestId('doc-save'));
    expect(saveAs).toHaveBeenCalledWith('СРК-2026-000001');
    expect((await screen.findByTestId('doc-saved-text')).textContent).toBe('/home/anna/Справка.pdf');
    await userEvent.click(screen.getByTestId('doc-save'));
    await vi.waitFor(() => expect(screen.queryByTestId('doc-saved')).toBeNull());

    await userEvent.click(screen.getByTestId('doc-print'));
    expect(await screen.findByTestId('doc-printed')).toBeTruthy();
    await userEvent.click(screen.getByTestId('doc-print'));
    expect((await screen.findByTestId('doc-print-viewer-text')).textContent).toContain('«Печать»');
    await userEvent.click(screen.getByTestId('doc-print'));
    await vi.waitFor(() => expect(screen.queryByTestId('doc-print-viewer')).toBeNull());
    expect(print).toHaveBeenCalledTimes(3);
  });

  it('shows the core’s error in the summary', async () => {
    const open = vi.fn(async () => {
      throw apiError('not_found', 'Документ не найден среди ваших документов');
    });
    render(DocumentsPage, { ...others(), api: fakeDocumentsApi({ mine: vi.fn(async () => [older]), open }) });
    await userEvent.click(await screen.findByTestId('doc-open'));
    expect((await screen.findByTestId('error-summary')).textContent).toContain('Документ не найден среди ваших документов');
  });
});

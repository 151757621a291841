import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Verification } from '../api/contract';
import { apiError, fakeDocumentsApi, fakeMyDocument } from '../testing/fakes';
import VerifyDocument from './VerifyDocument.svelte';

const record = {
  ...fakeMyDocument(),
  sha256: 'ab'.repeat(32),
  stored: true,
};

function verdict(status: Verification['status']): Verification {
  return {
    status,
    number: 'СРК-2026-000001',
    record: status === 'unknown' ? null : record,
    sha256: 'cd'.repeat(32),
    message: `сообщение ядра: ${status}`,
  };
}

const pdf = () => new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], 'справка.pdf', { type: 'application/pdf' });

describe('VerifyDocument', () => {
  it('sends the chosen file’s bytes and shows a valid verdict with number, kind and date', async () => {
    const verifyFile = vi.fn(async (_bytes: Uint8Array) => verdict('valid'));
    render(VerifyDocument, { api: fakeDocumentsApi({ verifyFile }) });

    await userEvent.upload(screen.getByTestId('doc-verify-file'), pdf());
    await userEvent.click(screen.getByTestId('doc-verify-submit'));

    const result = await screen.findByTestId('doc-verify-result');
    expect(result.dataset.status).toBe('valid');
    expect(Array.from(verifyFile.mock.calls[0][0])).toEqual([0x25, 0x50, 0x44, 0x46]);
    expect(screen.getByTestId('doc-verify-verdict').textContent).toBe('Документ подлинный');
    expect(screen.getByTestId('doc-verify-number').textContent).toBe('СРК-2026-000001');
    expect(screen.getByTestId('doc-verify-kind').textContent).toBe('Справка о регистрации личного кабинета');
    expect(screen.getByTestId('doc-verify-date').textContent).toBe('25.11.2026 12:00 МСК');
    expect(screen.queryByTestId('doc-verify-message')).toBeNull();
  });

  it('shows altered and unknown verdicts in their own words', async () => {
    const verifyFile = vi.fn().mockResolvedValueOnce(verdict('altered')).mockResolvedValueOnce(verdict('unknown'));
    render(VerifyDocument, { api: fakeDocumentsApi({ verifyFile }) });
    await userEvent.upload(screen.getByTestId('doc-verify-file'), pdf());

    await userEvent.click(screen.getByTestId('doc-verify-submit'));
    expect((await screen.findByTestId('doc-verify-result')).dataset.status).toBe('altered');
    expect(screen.getByTestId('doc-verify-verdict').textContent).toBe('Документ изменён после выдачи');
    expect(screen.getByTestId('doc-verify-message').textContent).toBe('сообщение ядра: altered');

    await userEvent.click(screen.getByTestId('doc-verify-submit'));
    await vi.waitFor(() => expect(screen.getByTestId('doc-verify-result').dataset.status).toBe('unknown'));
    expect(screen.queryByTestId('doc-verify-number')).toBeNull();
  });

  it('asks for a file first, and shows the core’s refusal', async () => {
    const verifyFile = vi.fn(async () => {
      throw apiError('validation', 'Файл пустой — выберите PDF-документ');
    });
    render(VerifyDocument, { api: fakeDocumentsApi({ verifyFile }) });

    await userEvent.click(screen.getByTestId('doc-verify-submit'));
    expect((await screen.findByTestId('error-file')).textContent).toBe('Выберите файл документа');
    expect(verifyFile).not.toHaveBeenCalled();

    await userEvent.upload(screen.getByTestId('doc-verify-file'), pdf());
    await userEvent.click(screen.getByTestId('doc-verify-submit'));
    await vi.waitFor(() => expect(screen.getByTestId('error-file').textContent).toBe('Файл пустой — выберите PDF-документ'));
    expect(screen.getByTestId('error-summary').textContent).toContain('Файл пустой');
  });

  it('refuses a file larger than any document before reading it', async () => {
    const verifyFile = vi.fn(async (_bytes: Uint8Array) => verdict('valid'));
    render(VerifyDocument, { api: fakeDocumentsApi({ verifyFile }) });
    const huge = pdf();
    Object.defineProperty(huge, 'size', { value: 16 * 1024 * 1024 + 1 });
    const read = vi.spyOn(huge, 'arrayBuffer');

    await userEvent.upload(screen.getByTestId('doc-verify-file'), huge);
    await userEvent.click(screen.getByTestId('doc-verify-submit'));

    expect((await screen.findByTestId('error-summary')).textContent).toMatch(/больше 16 МБ/);
    expect(read).not.toHaveBeenCalled();
    expect(verifyFile).not.toHaveBeenCalled();
  });
});

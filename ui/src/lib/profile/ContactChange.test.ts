import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ContactKind } from '../api/contract';
import { apiError, fakeCodeSent, fakeProfile, fakeProfileApi } from '../testing/fakes';
import ContactChange from './ContactChange.svelte';

function props(kind: ContactKind, current: string | null, api = fakeProfileApi()) {
  return { api, kind, current, ondone: vi.fn(), oncancel: vi.fn() };
}

const step = () => screen.getByTestId('contact-change').dataset.step;

describe('ContactChange', () => {
  it('asks one question per page: the new phone, then the code sent to it', async () => {
    const p = props('phone', '+79123456789');
    render(ContactChange, p);

    expect(step()).toBe('value');
    expect(screen.getByTestId('page-title').textContent).toBe('Новый номер телефона');
    expect(screen.getByLabelText('Новый номер мобильного телефона')).toBe(screen.getByTestId('contact-value'));
    expect(screen.getByTestId('contact-current').textContent).toContain('+79123456789');
    expect(screen.queryByTestId('contact-code')).toBeNull();

    await userEvent.type(screen.getByTestId('contact-value'), '8 916 000-11-22');
    await userEvent.click(screen.getByTestId('contact-send'));
    expect(p.api.changeContactStart).toHaveBeenCalledWith({ kind: 'phone', value: '8 916 000-11-22' });

    expect(await screen.findByTestId('contact-code')).toBeTruthy();
    expect(step()).toBe('code');
    expect(screen.queryByTestId('contact-value')).toBeNull();
    expect(screen.getByTestId('contact-destination').textContent).toContain('8 916 000-11-22');
    expect(screen.getByLabelText('Код из SMS')).toBe(screen.getByTestId('contact-code'));
    expect((screen.getByTestId('contact-resend') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('contact-countdown').textContent).toMatch(/через \d:\d\d/);

    await userEvent.type(screen.getByTestId('contact-code'), '111222');
    await userEvent.click(screen.getByTestId('contact-confirm'));
    expect(p.api.changeContactConfirm).toHaveBeenCalledWith({ kind: 'phone', value: '8 916 000-11-22', code: '111222' });
    expect(p.ondone).toHaveBeenCalledWith(fakeProfile({ phone: '8 916 000-11-22' }));
  });

  it('adds an e-mail: its own labels, a refused address at the field', async () => {
    const api = fakeProfileApi({
      changeContactStart: vi
        .fn()
        .mockRejectedValueOnce(
          apiError('validation', 'Исправьте ошибки в форме', [
            { field: 'email', code: 'email_tld', message: 'Электронная почта: нет домена верхнего уровня' },
          ]),
        )
        .mockResolvedValueOnce(fakeCodeSent('ivanov@example.ru')),
    });
    const p = props('email', null, api);
    render(ContactChange, p);

    expect(screen.getByTestId('page-title').textContent).toBe('Добавление электронной почты');
    expect(screen.getByLabelText('Адрес электронной почты')).toBe(screen.getByTestId('contact-value'));
    expect(screen.queryByTestId('contact-current')).toBeNull();

    await userEvent.type(screen.getByTestId('contact-value'), 'ivanov@example');
    await userEvent.click(screen.getByTestId('contact-send'));
    expect((await screen.findByTestId('error-email')).textContent).toBe('Электронная почта: нет домена верхнего уровня');
    expect(screen.getByTestId('error-summary-email').getAttribute('href')).toBe('#field-email');
    expect(screen.getByTestId('contact-value').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByTestId('error-summary'));
    expect(step()).toBe('value');

    await userEvent.clear(screen.getByTestId('contact-value'));
    await userEvent.type(screen.getByTestId('contact-value'), 'ivanov@example.ru');
    await userEvent.click(screen.getByTestId('contact-send'));
    expect((await screen.findByTestId('contact-destination')).textContent).toBe(
      'Код отправлен на адрес ivanov@example.ru.',
    );
    expect(screen.getByLabelText('Код из письма')).toBe(screen.getByTestId('contact-code'));
  });

  it('shows attempts left for a wrong code, and a fresh code clears them', async () => {
    const resendAt = new Date(Date.now() - 1000).toISOString();
    const api = fakeProfileApi({
      changeContactStart: vi.fn(async () => ({ ...fakeCodeSent('+79160001122'), resend_at: resendAt })),
      changeContactConfirm: vi.fn(async () =>
        Promise.reject(apiError('code_wrong', 'Неверный код', [], { attempts_left: 1 })),
      ),
    });
    render(ContactChange, props('phone', '+79123456789', api));
    await userEvent.type(screen.getByTestId('contact-value'), '+79160001122');
    await userEvent.click(screen.getByTestId('contact-send'));
    await userEvent.type(await screen.findByTestId('contact-code'), '000000');
    await userEvent.click(screen.getByTestId('contact-confirm'));

    expect((await screen.findByTestId('contact-attempts')).textContent).toBe('Осталось попыток: 1');
    expect(screen.getByTestId('error-code').textContent).toBe('Неверный код');
    expect(screen.getByTestId('error-summary-code').getAttribute('href')).toBe('#field-code');

    const resend = screen.getByTestId('contact-resend') as HTMLButtonElement;
    expect(resend.disabled).toBe(false);
    await userEvent.click(resend);
    expect(api.changeContactStart).toHaveBeenCalledTimes(2);
    expect((await screen.findByTestId('contact-notice')).textContent).toMatch(/^Новый код отправлен/);
    expect(screen.queryByTestId('contact-attempts')).toBeNull();
    expect(screen.queryByTestId('error-summary')).toBeNull();
    expect((screen.getByTestId('contact-code') as HTMLInputElement).value).toBe('');
  });

  it('returns to the first page when the new number was taken meanwhile', async () => {
    const api = fakeProfileApi({
      changeContactConfirm: vi.fn(async () =>
        Promise.reject(
          apiError('identifier_taken', 'Этот номер уже зарегистрирован — восстановите доступ', [
            { field: 'phone', code: 'taken', message: 'Телефон: уже используется' },
          ]),
        ),
      ),
    });
    render(ContactChange, props('phone', '+79123456789', api));
    await userEvent.type(screen.getByTestId('contact-value'), '+79160001122');
    await userEvent.click(screen.getByTestId('contact-send'));
    await userEvent.type(await screen.findByTestId('contact-code'), '123456');
    await userEvent.click(screen.getByTestId('contact-confirm'));

    expect((await screen.findByTestId('error-summary-phone')).textContent).toBe(
      'Этот номер уже зарегистрирован — восстановите доступ',
    );
    expect(step()).toBe('value');
    expect((screen.getByTestId('contact-value') as HTMLInputElement).value).toBe('+79160001122');
  });

  it('goes back to the first page with the value kept, and cancels from either page', async () => {
    const p = props('phone', '+79123456789');
    render(ContactChange, p);
    await userEvent.click(screen.getByTestId('contact-cancel'));
    expect(p.oncancel).toHaveBeenCalledTimes(1);

    await userEvent.type(screen.getByTestId('contact-value'), '+79160001122');
    await userEvent.click(screen.getByTestId('contact-send'));
    await userEvent.click(await screen.findByTestId('contact-back'));
    expect(step()).toBe('value');
    expect((screen.getByTestId('contact-value') as HTMLInputElement).value).toBe('+79160001122');

    await userEvent.click(screen.getByTestId('contact-send'));
    await userEvent.click(await screen.findByTestId('contact-cancel'));
    expect(p.oncancel).toHaveBeenCalledTimes(2);
    expect(p.api.changeContactConfirm).not.toHaveBeenCalled();
  });
});

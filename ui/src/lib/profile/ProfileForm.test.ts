import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Profile } from '../api/contract';
import { apiError, fakeProfile, fakeProfileApi } from '../testing/fakes';
import ProfileForm from './ProfileForm.svelte';

function props(api = fakeProfileApi(), profile: Profile = fakeProfile()) {
  return { api, profile, onsaved: vi.fn(), oncancel: vi.fn() };
}

async function getCodeAndSave(code = '123456') {
  await userEvent.click(screen.getByTestId('profile-send-code'));
  await userEvent.type(await screen.findByTestId('profile-code'), code);
  await userEvent.click(screen.getByTestId('profile-save'));
}

const documentsRefused = apiError('validation', 'Исправьте ошибки в форме', [
  { field: 'passport', code: 'passport_length', message: 'Серия и номер паспорта: нужно 10 цифр' },
  { field: 'snils', code: 'checksum', message: 'СНИЛС: неверная контрольная сумма' },
  { field: 'division_code', code: 'required', message: 'Код подразделения: обязательное поле' },
]);

describe('ProfileForm', () => {
  it('fills in the profile, asks for the code only after «Получить код», and sends every field', async () => {
    const p = props(undefined, fakeProfile({ snils: '11223344595', passport_number: '4508123456' }));
    render(ProfileForm, p);

    expect((screen.getByTestId('profile-input-surname') as HTMLInputElement).value).toBe('Иванов');
    expect((screen.getByTestId('profile-input-snils') as HTMLInputElement).value).toBe('112-233-445 95');
    expect((screen.getByTestId('profile-input-passport') as HTMLInputElement).value).toBe('45 08 123456');
    expect((screen.getByTestId('profile-input-gender-m') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('profile-input-address').tagName).toBe('TEXTAREA');
    expect(screen.queryByTestId('profile-code')).toBeNull();
    expect(screen.queryByTestId('profile-save')).toBeNull();
    expect(screen.getByTestId('profile-level-rules').textContent).toContain('паспорт и СНИЛС');

    await userEvent.type(screen.getByTestId('profile-input-inn'), '500100732259');
    await userEvent.clear(screen.getByTestId('profile-input-patronymic'));
    await userEvent.click(screen.getByTestId('profile-send-code'));
    expect(p.api.sendSaveCode).toHaveBeenCalledOnce();
    expect((await screen.findByTestId('profile-code-destination')).textContent).toContain('+79123456789');
    expect((screen.getByTestId('profile-code-resend') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('profile-code-countdown').textContent).toMatch(/через \d:\d\d/);
    expect(screen.queryByTestId('profile-send-code')).toBeNull();

    await userEvent.type(screen.getByTestId('profile-code'), '654321');
    await userEvent.click(screen.getByTestId('profile-save'));
    expect(p.api.save).toHaveBeenCalledWith({
      surname: 'Иванов',
      given_name: 'Иван',
      patronymic: null,
      birth_date: '05.03.1990',
      gender: 'М',
      snils: '112-233-445 95',
      inn: '500100732259',
      passport_number: '45 08 123456',
      passport_issue_date: null,
      passport_issued_by: null,
      division_code: null,
      address: null,
      code: '654321',
    });
    expect(p.onsaved).toHaveBeenCalledOnce();
  });

  it('shows each refused field at the field and in the summary, in the order of the page', async () => {
    const api = fakeProfileApi({ save: vi.fn(async () => Promise.reject(documentsRefused)) });
    const p = props(api);
    render(ProfileForm, p);
    await getCodeAndSave();

    const summary = await screen.findByTestId('error-summary');
    expect(document.activeElement).toBe(summary);
    const links = [...summary.querySelectorAll('a')].map((link) => link.dataset.testid);
    expect(links).toEqual(['error-summary-snils', 'error-summary-passport', 'error-summary-division_code']);
    expect(screen.getByTestId('error-summary-passport').getAttribute('href')).toBe('#field-passport');

    const passport = screen.getByTestId('profile-input-passport');
    expect(passport.id).toBe('field-passport');
    expect(passport.getAttribute('aria-invalid')).toBe('true');
    expect(passport.getAttribute('aria-describedby')).toContain(screen.getByTestId('error-passport').parentElement!.id);
    expect(screen.getByTestId('error-snils').textContent).toBe('СНИЛС: неверная контрольная сумма');
    expect(screen.getByTestId('error-division_code').textContent).toBe('Код подразделения: обязательное поле');
    expect(screen.queryByTestId('error-surname')).toBeNull();
    expect(screen.getByTestId('profile-input-surname').getAttribute('aria-invalid')).toBeNull();

    await userEvent.click(screen.getByTestId('error-summary-division_code'));
    expect(document.activeElement).toBe(screen.getByTestId('profile-input-division-code'));
    expect(p.onsaved).not.toHaveBeenCalled();
    // The code was not used up: the same one may be sent again with the corrections.
    expect((screen.getByTestId('profile-code') as HTMLInputElement).value).toBe('123456');
  });

  it('puts a СНИЛС of another account and code errors at their fields', async () => {
    const taken = apiError('identifier_taken', 'Этот СНИЛС уже зарегистрирован — восстановите доступ', [
      { field: 'snils', code: 'taken', message: 'СНИЛС: уже используется' },
    ]);
    const save = vi
      .fn()
      .mockRejectedValueOnce(taken)
      .mockRejectedValueOnce(apiError('code_wrong', 'Неверный код', [], { attempts_left: 2 }));
    render(ProfileForm, props(fakeProfileApi({ save })));
    await getCodeAndSave();

    expect((await screen.findByTestId('error-snils')).textContent).toBe('СНИЛС: уже используется');
    expect(screen.getByTestId('error-summary-snils').textContent).toBe(
      'Этот СНИЛС уже зарегистрирован — восстановите доступ',
    );

    await userEvent.click(screen.getByTestId('profile-save'));
    expect((await screen.findByTestId('error-code')).textContent).toBe('Неверный код');
    expect(screen.getByTestId('error-summary-code').getAttribute('href')).toBe('#field-code');
    expect(screen.getByTestId('profile-code-attempts').textContent).toBe('Осталось попыток: 2');
    expect(screen.queryByTestId('error-snils')).toBeNull();
  });

  it('says when a code may be asked for again if sending is refused', async () => {
    const retryAt = new Date(2026, 10, 25, 9, 30, 0).toISOString();
    const api = fakeProfileApi({
      sendSaveCode: vi.fn(async () =>
        Promise.reject(apiError('rate_limited', 'Слишком много кодов', [], { retry_at: retryAt })),
      ),
    });
    render(ProfileForm, props(api));
    await userEvent.click(screen.getByTestId('profile-send-code'));

    const summary = await screen.findByTestId('error-summary');
    expect(summary.textContent).toContain('Слишком много кодов');
    expect(summary.textContent).toContain('Повторить попытку можно в 09:30:00');
    expect(screen.queryByTestId('profile-code')).toBeNull();
  });

  it('warns a confirmed account that a new name or passport lowers the level, and cancels', async () => {
    const p = props(undefined, fakeProfile({ level: 'confirmed' }));
    render(ProfileForm, p);
    const rules = screen.getByTestId('profile-level-rules');
    expect(rules.textContent).toContain('Сейчас: Подтверждённая.');
    expect(rules.querySelector('.strong')?.textContent).toContain('станет стандартной');

    await userEvent.click(screen.getByTestId('profile-cancel'));
    expect(p.oncancel).toHaveBeenCalledOnce();
    expect(p.api.sendSaveCode).not.toHaveBeenCalled();
  });
});

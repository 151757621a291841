import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeProfile, fakeProfileApi } from '../testing/fakes';
import ProfileArea from './ProfileArea.svelte';

const full = fakeProfile({
  level: 'standard',
  email: 'ivanov@example.ru',
  snils: '11223344595',
  inn: '500100732259',
  passport_number: '4508123456',
  passport_issue_date: '12.04.2010',
  passport_issued_by: 'ОУФМС России по г. Москве',
  division_code: '770-001',
  address: 'г. Москва, ул. Тверская, д. 1',
});

describe('ProfileArea', () => {
  it('lists every field, documents in their official formats', async () => {
    render(ProfileArea, { api: fakeProfileApi({ get: vi.fn(async () => full) }) });

    expect((await screen.findByTestId('profile-surname')).textContent).toBe('Иванов');
    expect(screen.getByTestId('page-title').textContent).toBe('Мой профиль');
    const shown = (id: string) => screen.getByTestId(`profile-${id}`).textContent;
    expect(shown('given-name')).toBe('Иван');
    expect(shown('patronymic')).toBe('Иванович');
    expect(shown('birth-date')).toBe('05.03.1990');
    expect(shown('gender')).toBe('Мужской');
    expect(shown('phone')).toBe('+79123456789');
    expect(shown('email')).toBe('ivanov@example.ru');
    expect(shown('snils')).toBe('112-233-445 95');
    expect(shown('inn')).toBe('500100732259');
    expect(shown('passport')).toBe('45 08 123456');
    expect(shown('issue-date')).toBe('12.04.2010');
    expect(shown('issued-by')).toBe('ОУФМС России по г. Москве');
    expect(shown('division-code')).toBe('770-001');
    expect(shown('address')).toBe('г. Москва, ул. Тверская, д. 1');
    expect(shown('level')).toBe('Стандартная');
    expect(screen.getByTestId('contact-change-email').textContent).toContain('Изменить');
  });

  it('offers to add an e-mail and says how to become standard when documents are missing', async () => {
    render(ProfileArea, { api: fakeProfileApi() });

    expect((await screen.findByTestId('profile-email')).textContent).toBe('Не указано');
    expect(screen.getByTestId('profile-snils').textContent).toBe('Не указано');
    expect(screen.getByTestId('profile-level').textContent).toBe('Упрощённая');
    expect(screen.getByTestId('profile').textContent).toContain('Укажите паспорт и СНИЛС');
    const add = screen.getByTestId('contact-change-email');
    expect(add.textContent).toContain('Добавить');
    expect(add.textContent).toContain('адрес электронной почты');
    expect(screen.getByTestId('contact-change-phone').textContent).toContain('Изменить');
  });

  it('saves through the form and comes back with the notice and the new level', async () => {
    const onchanged = vi.fn();
    const api = fakeProfileApi({ save: vi.fn(async () => full) });
    render(ProfileArea, { api, onchanged });

    await userEvent.click(await screen.findByTestId('profile-edit'));
    expect(screen.getByTestId('profile-form')).toBeTruthy();
    expect(screen.queryByTestId('profile')).toBeNull();
    await userEvent.click(screen.getByTestId('profile-send-code'));
    await userEvent.type(await screen.findByTestId('profile-code'), '123456');
    await userEvent.click(screen.getByTestId('profile-save'));

    const saved = await screen.findByTestId('profile-saved');
    expect(saved.textContent).toContain('Данные сохранены');
    expect(saved.textContent).toContain('Уровень учётной записи теперь: Стандартная');
    expect(screen.getByTestId('profile-passport').textContent).toBe('45 08 123456');
    expect(onchanged).toHaveBeenCalledOnce();
  });

  it('goes back to the summary unchanged on cancel', async () => {
    const api = fakeProfileApi();
    render(ProfileArea, { api });
    await userEvent.click(await screen.findByTestId('profile-edit'));
    await userEvent.type(screen.getByTestId('profile-input-surname'), 'а');
    await userEvent.click(screen.getByTestId('profile-cancel'));

    expect((await screen.findByTestId('profile-surname')).textContent).toBe('Иванов');
    expect(screen.queryByTestId('profile-saved')).toBeNull();
    expect(api.save).not.toHaveBeenCalled();
  });

  it('replaces the phone and says the old one no longer signs in', async () => {
    const onchanged = vi.fn();
    const api = fakeProfileApi();
    render(ProfileArea, { api, onchanged });

    await userEvent.click(await screen.findByTestId('contact-change-phone'));
    await userEvent.type(screen.getByTestId('contact-value'), '+79160001122');
    await userEvent.click(screen.getByTestId('contact-send'));
    await userEvent.type(await screen.findByTestId('contact-code'), '123456');
    await userEvent.click(screen.getByTestId('contact-confirm'));

    const notice = await screen.findByTestId('contact-changed');
    expect(notice.textContent).toContain('Номер телефона изменён');
    expect(notice.textContent).toContain('Теперь для входа используется +79160001122');
    expect(notice.textContent).toContain('Прежний номер телефона +79123456789 больше не действует для входа');
    expect(screen.getByTestId('profile-phone').textContent).toBe('+79160001122');
    expect(onchanged).toHaveBeenCalledOnce();
  });

  it('adds an e-mail without mentioning an old one', async () => {
    render(ProfileArea, { api: fakeProfileApi() });

    await userEvent.click(await screen.findByTestId('contact-change-email'));
    await userEvent.type(screen.getByTestId('contact-value'), 'ivanov@example.ru');
    await userEvent.click(screen.getByTestId('contact-send'));
    await userEvent.type(await screen.findByTestId('contact-code'), '123456');
    await userEvent.click(screen.getByTestId('contact-confirm'));

    const notice = await screen.findByTestId('contact-changed');
    expect(notice.textContent).toContain('Адрес электронной почты добавлен');
    expect(notice.textContent).not.toContain('Прежний');
    expect(screen.getByTestId('profile-email').textContent).toBe('ivanov@example.ru');
    expect(screen.getByTestId('contact-change-email').textContent).toContain('Изменить');
  });
});

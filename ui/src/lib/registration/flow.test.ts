import { describe, expect, it } from 'vitest';
import { apiError } from '../testing/fakes';
import { RegistrationFlow } from './flow.svelte';
import { ANSWER_STEPS } from './steps';

function flowAtCheck(): RegistrationFlow {
  const flow = new RegistrationFlow();
  flow.confirmed = { ticket: 'ticket-1', phone: '+79123456789', expires_at: '2026-11-25T09:00:00Z' };
  flow.answered = [...ANSWER_STEPS];
  flow.returnToCheck = true;
  flow.goTo('check');
  return flow;
}

describe('RegistrationFlow', () => {
  it('sends a validation error from the check page to the page of the first bad field', () => {
    const flow = flowAtCheck();
    flow.fail(
      apiError('validation', 'Исправьте ошибки в форме', [
        { field: 'password', code: 'password_contains_name', message: 'Пароль: содержит имя' },
        { field: 'birth_date', code: 'date_format', message: 'Дата рождения: неверный формат' },
      ]),
    );
    expect(flow.step).toBe('birth_date');
    expect(flow.errors.items).toEqual([{ field: 'birth_date', message: 'Дата рождения: неверный формат' }]);
    expect(flow.errors.byField.birth_date).toBe('Дата рождения: неверный формат');
  });

  it('returns to the check page once a changed page is accepted', () => {
    const flow = flowAtCheck();
    flow.change('gender');
    expect(flow.step).toBe('gender');
    expect(flow.canGoBack).toBe(true);
    flow.advance();
    expect(flow.step).toBe('check');
  });

  it('restarts at the phone page with the message when registration expired', () => {
    const flow = flowAtCheck();
    flow.fail(apiError('registration_expired', 'Время на регистрацию истекло'));
    expect(flow.step).toBe('phone');
    expect(flow.confirmed).toBeNull();
    expect(flow.errors.items).toEqual([{ field: undefined, message: 'Время на регистрацию истекло' }]);
    expect(flow.draft().ticket).toBe('');
  });

  it('after the phone is confirmed again, resumes at the first unanswered page', () => {
    const flow = new RegistrationFlow();
    flow.answered = ['name', 'birth_date', 'gender'];
    flow.goTo('password');
    flow.fail(apiError('registration_expired', 'Время на регистрацию истекло'));
    flow.phoneConfirmed({ ticket: 'ticket-2', phone: '+79123456789', expires_at: '2026-11-25T09:30:00Z' });
    expect(flow.step).toBe('password');
    expect(flow.draft().ticket).toBe('ticket-2');

    const answeredAll = flowAtCheck();
    answeredAll.phoneConfirmed({ ticket: 'ticket-3', phone: '+79123456789', expires_at: '2026-11-25T09:30:00Z' });
    expect(answeredAll.step).toBe('check');
  });

  it('puts a taken phone on the phone page, in the summary and at the field', () => {
    const flow = new RegistrationFlow();
    flow.fail(
      apiError('identifier_taken', 'Этот номер уже зарегистрирован — восстановите доступ', [
        { field: 'phone', code: 'taken', message: 'Номер мобильного телефона: уже зарегистрирован' },
      ]),
    );
    expect(flow.step).toBe('phone');
    expect(flow.errors.items).toEqual([
      { field: 'phone', message: 'Этот номер уже зарегистрирован — восстановите доступ' },
    ]);
    expect(flow.errors.byField.phone).toBe('Номер мобильного телефона: уже зарегистрирован');
  });

  it('puts the phone of a closed account on the phone page with its restoration and purge dates', () => {
    const flow = flowAtCheck();
    const message =
      'Этот номер принадлежит закрытому кабинету: восстановление возможно до 26.12.2026, данные будут удалены 24.02.2027';
    flow.fail(apiError('identifier_of_closed_account', message, [{ field: 'phone', code: 'taken', message }]));
    expect(flow.step).toBe('phone');
    expect(flow.errors.items).toEqual([{ field: 'phone', message }]);
    expect(flow.errors.byField.phone).toBe(message);
  });

  it('drafts only the pages answered so far plus the current one', () => {
    const flow = new RegistrationFlow();
    flow.confirmed = { ticket: 'ticket-1', phone: '+79123456789', expires_at: '2026-11-25T09:00:00Z' };
    flow.goTo('name');
    flow.answers.surname = 'Иванов';
    flow.answers.password = 'never sent yet';
    expect(flow.draft()).toEqual({ ticket: 'ticket-1', surname: 'Иванов', given_name: '', patronymic: '' });
    flow.advance();
    flow.answers.birth_date = '05.03.1990';
    expect(flow.draft()).toMatchObject({ surname: 'Иванов', birth_date: '05.03.1990' });
    expect(flow.draft()).not.toHaveProperty('password');
  });
});

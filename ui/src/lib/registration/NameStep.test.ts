import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeRegistrationApi } from '../testing/fakes';
import { RegistrationFlow } from './flow.svelte';
import NameStep from './NameStep.svelte';

function flowAtName(): RegistrationFlow {
  const flow = new RegistrationFlow();
  flow.confirmed = { ticket: 'ticket-1', phone: '+79123456789', expires_at: '2026-11-25T09:00:00Z' };
  flow.answered = [];
  flow.goTo('name');
  return flow;
}

const surnameError = apiError('validation', 'Исправьте ошибки в форме', [
  { field: 'surname', code: 'name_characters', message: 'Фамилия: допустимы только русские буквы' },
]);

describe('NameStep', () => {
  it('shows a field error from the core at the field and in the summary', async () => {
    const api = fakeRegistrationApi({ check: vi.fn(async () => Promise.reject(surnameError)) });
    const flow = flowAtName();
    render(NameStep, { flow, api });

    await userEvent.type(screen.getByTestId('reg-surname'), 'Ivanov');
    await userEvent.type(screen.getByTestId('reg-given-name'), 'Иван');
    await userEvent.click(screen.getByTestId('reg-name-submit'));

    const message = await screen.findByTestId('error-surname');
    expect(message.textContent).toContain('Фамилия: допустимы только русские буквы');
    const input = screen.getByTestId('reg-surname');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.getByTestId('error-summary-surname').textContent).toBe(
      'Фамилия: допустимы только русские буквы',
    );
    expect(screen.queryByTestId('error-given_name')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('error-summary'));
    expect(flow.step).toBe('name');
  });

  it('sends the draft so far with the ticket and goes on when the core accepts it', async () => {
    const api = fakeRegistrationApi();
    const flow = flowAtName();
    render(NameStep, { flow, api });

    await userEvent.type(screen.getByTestId('reg-surname'), 'Иванов');
    await userEvent.type(screen.getByTestId('reg-given-name'), 'Иван');
    await userEvent.click(screen.getByTestId('reg-name-submit'));

    expect(api.check).toHaveBeenCalledWith({
      ticket: 'ticket-1',
      surname: 'Иванов',
      given_name: 'Иван',
      patronymic: '',
    });
    expect(flow.step).toBe('birth_date');
  });

  it('«Назад» returns to the phone page: the code is already used', async () => {
    const flow = flowAtName();
    render(NameStep, { flow, api: fakeRegistrationApi() });
    await userEvent.click(screen.getByTestId('reg-back'));
    expect(flow.step).toBe('phone');
  });
});

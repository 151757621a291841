import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import ErrorSummary from './ErrorSummary.svelte';

const added: HTMLElement[] = [];

function addInput(id: string): HTMLInputElement {
  const input = document.createElement('input');
  input.id = id;
  document.body.append(input);
  added.push(input);
  return input;
}

afterEach(() => {
  added.splice(0).forEach((element) => element.remove());
});

describe('ErrorSummary', () => {
  const items = [
    { field: 'surname' as const, message: 'Фамилия: обязательное поле' },
    { field: 'birth_date' as const, message: 'Дата рождения: неверный формат' },
    { message: 'Неверный логин или пароль' },
  ];

  it('renders nothing without errors', () => {
    render(ErrorSummary, { items: [] });
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });

  it('renders every item as an alert, field items as links', () => {
    render(ErrorSummary, { items });
    const summary = screen.getByTestId('error-summary');
    expect(summary.getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('error-summary-surname').textContent).toBe('Фамилия: обязательное поле');
    expect(screen.getByTestId('error-summary-birth_date').getAttribute('href')).toBe('#field-birth_date');
    expect(screen.getByTestId('error-summary-message').tagName).toBe('SPAN');
    expect(summary.querySelectorAll('li')).toHaveLength(3);
  });

  it('takes the focus when it appears', () => {
    render(ErrorSummary, { items });
    expect(document.activeElement).toBe(screen.getByTestId('error-summary'));
  });

  it('moves the focus to the field when a link is followed', async () => {
    const surname = addInput('field-surname');
    const birthDate = addInput('field-birth_date');
    render(ErrorSummary, { items });

    await userEvent.click(screen.getByTestId('error-summary-birth_date'));
    expect(document.activeElement).toBe(birthDate);

    screen.getByTestId('error-summary-surname').focus();
    await userEvent.keyboard('{Enter}');
    expect(document.activeElement).toBe(surname);
  });
});

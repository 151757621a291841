import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SubmitApplication } from '../api/contract';
import { apiError, fakeApplicationDetail, fakeApplicationsApi } from '../testing/fakes';
import ServiceFormStep from './ServiceFormStep.svelte';

function props(api = fakeApplicationsApi()) {
  return { api, service: 'passport_foreign', onsubmitted: vi.fn(), onback: vi.fn() };
}

const input = (key: string) => screen.getByTestId(`app-field-${key}`) as HTMLInputElement;

/** The error message an input announces through `aria-describedby`. */
function describedError(element: HTMLElement): string | null {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? [];
  const id = ids.find((each) => each.endsWith('-error'));
  return id ? (document.getElementById(id)?.textContent?.trim() ?? null) : null;
}

describe('ServiceFormStep', () => {
  it('renders each field by its kind with the profile’s values prefilled', async () => {
    const p = props();
    render(ServiceFormStep, p);

    await screen.findByTestId('app-field-surname');
    expect(p.api.form).toHaveBeenCalledWith({ service: 'passport_foreign' });
    expect(screen.getByTestId('page-title').textContent).toBe('Загранпаспорт');
    expect(screen.getByTestId('app-form-agency').textContent).toContain('МВД России');

    expect(input('surname').tagName).toBe('INPUT');
    expect(input('surname').value).toBe('Иванов');
    expect(input('birth_date').value).toBe('05.03.1990');
    expect(document.getElementById(`${input('birth_date').id}-hint`)?.textContent).toContain('ДД.ММ.ГГГГ');
    expect(input('comment').tagName).toBe('TEXTAREA');
    expect(screen.getByText('Комментарий (необязательно)')).toBeTruthy();

    const term = screen.getByTestId('app-field-term');
    expect(term.tagName).toBe('FIELDSET');
    const radios = within(term).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((radio) => radio.value)).toEqual(['5 лет', '10 лет']);
    expect(radios.some((radio) => radio.checked)).toBe(false);
  });

  it('sends every value as typed and hands the submitted application on', async () => {
    const submit = vi.fn(async (_request: SubmitApplication) => fakeApplicationDetail({ number: '2026-000042' }));
    const p = props(fakeApplicationsApi({ submit }));
    render(ServiceFormStep, p);

    await userEvent.clear(await screen.findByTestId('app-field-surname'));
    await userEvent.type(input('surname'), 'Петров');
    await userEvent.click(screen.getByTestId('app-field-term-1'));
    await userEvent.type(input('comment'), 'Срочно');
    await userEvent.click(screen.getByTestId('app-submit'));

    expect(submit).toHaveBeenCalledWith({
      service: 'passport_foreign',
      fields: { surname: 'Петров', birth_date: '05.03.1990', term: '10 лет', comment: 'Срочно' },
    });
    expect(p.onsubmitted).toHaveBeenCalledWith(expect.objectContaining({ summary: expect.objectContaining({ number: '2026-000042' }) }));
  });

  it('shows each refused field’s message at the input with that key and in the summary, in form order', async () => {
    const submit = vi.fn(async () => {
      throw apiError('validation', 'Проверьте поля', [
        { field: 'form_field', key: 'term', code: 'required', message: 'Срок действия: выберите значение' },
        { field: 'form_field', key: 'birth_date', code: 'date_format', message: 'Дата рождения: формат ДД.ММ.ГГГГ' },
      ]);
    });
    render(ServiceFormStep, props(fakeApplicationsApi({ submit })));

    await userEvent.click(await screen.findByTestId('app-submit'));

    expect((await screen.findByTestId('error-app-field-term')).textContent).toBe('Срок действия: выберите значение');
    expect(screen.getByTestId('error-app-field-birth_date').textContent).toBe('Дата рождения: формат ДД.ММ.ГГГГ');
    expect(describedError(input('birth_date'))).toContain('Дата рождения: формат ДД.ММ.ГГГГ');
    expect(describedError(screen.getByTestId('app-field-term'))).toContain('Срок действия: выберите значение');
    expect(describedError(input('surname'))).toBeNull();
    expect(input('birth_date').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('error-app-field-surname')).toBeNull();

    const links = within(screen.getByTestId('error-summary')).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Дата рождения: формат ДД.ММ.ГГГГ',
      'Срок действия: выберите значение',
    ]);
    await userEvent.click(links[0]);
    expect(document.activeElement).toBe(input('birth_date'));
  });

  it('shows a refusal that is not about a field, such as a pending closure, in the summary', async () => {
    const submit = vi.fn(async () => {
      throw apiError('wrong_state', 'Кабинет ожидает закрытия: новые заявления не принимаются');
    });
    render(ServiceFormStep, props(fakeApplicationsApi({ submit })));

    await userEvent.click(await screen.findByTestId('app-submit'));

    expect((await screen.findByTestId('error-summary-message')).textContent).toBe(
      'Кабинет ожидает закрытия: новые заявления не принимаются',
    );
    expect(screen.queryByTestId('error-app-field-surname')).toBeNull();
  });
});

import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeConsents, fakeConsentsApi } from '../testing/fakes';
import ConsentsPage from './ConsentsPage.svelte';

describe('ConsentsPage', () => {
  it('lists every consent with purpose, version, date and state', async () => {
    render(ConsentsPage, { api: fakeConsentsApi(), onclose: vi.fn() });

    expect((await screen.findByTestId('consent-personal_data')).textContent).toContain(
      'Согласие на обработку персональных данных',
    );
    expect(screen.getByTestId('consent-version-user_agreement').textContent).toBe('2026-11-01');
    expect(screen.getByTestId('consent-accepted-service_news').textContent).toMatch(/^25\.11\.2026 \d\d:00:00$/);
    expect(screen.getByTestId('consent-state-service_news').textContent).toBe('Действует');
    expect(screen.getByTestId('consent-purpose-service_news').textContent).toBe('Сообщения о новых услугах');
  });

  it('withdraws the optional consent after confirmation', async () => {
    const api = fakeConsentsApi();
    render(ConsentsPage, { api, onclose: vi.fn() });

    await userEvent.click(await screen.findByTestId('consent-withdraw-service_news'));
    expect(screen.getByTestId('consent-withdraw-question').textContent).toContain('Новости сервиса перестанут приходить');
    await userEvent.click(screen.getByTestId('consent-withdraw-cancel'));
    expect(api.withdraw).not.toHaveBeenCalled();

    await userEvent.click(screen.getByTestId('consent-withdraw-service_news'));
    await userEvent.click(screen.getByTestId('consent-withdraw-confirm'));

    expect(api.withdraw).toHaveBeenCalledWith({ kind: 'service_news' });
    expect((await screen.findByTestId('consent-withdrawn')).textContent).toContain('Получение новостей сервиса');
    expect(screen.getByTestId('consent-state-service_news').textContent).toBe('Отозвано');
    expect(screen.getByTestId('consent-withdrawn-service_news')).toBeTruthy();
    expect(screen.getByTestId('consent-give-service_news')).toBeTruthy();
  });

  it('gives a withdrawn consent again', async () => {
    const api = fakeConsentsApi({ list: vi.fn(async () => fakeConsents(false)) });
    render(ConsentsPage, { api, onclose: vi.fn() });

    await userEvent.click(await screen.findByTestId('consent-give-service_news'));

    expect(api.give).toHaveBeenCalledWith({ kind: 'service_news' });
    expect((await screen.findByTestId('consent-given')).textContent).toContain('Согласие дано');
    expect(screen.getByTestId('consent-state-service_news').textContent).toBe('Действует');
  });

  it('says the basic consents end only with closure and leads there', async () => {
    const onclose = vi.fn();
    render(ConsentsPage, { api: fakeConsentsApi(), onclose });

    const notice = await screen.findByTestId('consent-closure-personal_data');
    expect(notice.textContent).toContain('Прекратить его можно только закрыв профиль');
    expect(screen.queryByTestId('consent-withdraw-personal_data')).toBeNull();
    expect(screen.getByTestId('consent-closure-user_agreement').textContent).toContain('только с закрытием');
    await userEvent.click(screen.getByTestId('consents-close-account'));
    expect(onclose).toHaveBeenCalledOnce();
  });

  it('shows a refusal from the core in the summary', async () => {
    const message = 'Это согласие нельзя отозвать отдельно';
    const api = fakeConsentsApi({
      withdraw: vi.fn(async () => {
        throw apiError('consent_not_withdrawable', message);
      }),
    });
    render(ConsentsPage, { api, onclose: vi.fn() });

    await userEvent.click(await screen.findByTestId('consent-withdraw-service_news'));
    await userEvent.click(screen.getByTestId('consent-withdraw-confirm'));

    expect((await screen.findByTestId('error-summary')).textContent).toContain(message);
  });
});

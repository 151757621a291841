import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import AccountNav from './AccountNav.svelte';
import { ACCOUNT_PAGES } from './pages';

function show(onnavigate = vi.fn()) {
  render(AccountNav, { current: 'debts', busy: false, onnavigate, onsignout: vi.fn() });
  return onnavigate;
}

describe('AccountNav', () => {
  it('labels each group of links by its heading', () => {
    show();
    const nav = screen.getByRole('navigation', { name: 'Разделы кабинета' });
    const services = within(nav).getByRole('list', { name: 'Услуги' });
    const links = within(services).getAllByRole('button').map((button) => button.dataset.testid);
    expect(links).toEqual(['nav-applications', 'nav-documents', 'nav-debts']);
    expect(within(nav).getAllByRole('heading').map((heading) => heading.textContent)).toEqual([
      'Профиль',
      'Услуги',
      'Уведомления',
      'Безопасность',
    ]);
  });

  it('keeps every section a button, the current one marked', async () => {
    const onnavigate = show();
    for (const item of ACCOUNT_PAGES) expect(screen.getByTestId(item.testid).tagName).toBe('BUTTON');
    expect(screen.getByTestId('nav-debts').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-home').getAttribute('aria-current')).toBeNull();
    await userEvent.click(screen.getByTestId('nav-closure'));
    expect(onnavigate).toHaveBeenCalledWith('closure');
  });
});

import { describe, expect, it } from 'vitest';
import { ACCOUNT_GROUPS, ACCOUNT_PAGES } from './pages';

describe('account navigation groups', () => {
  it('place every section exactly once', () => {
    const grouped = ACCOUNT_GROUPS.flatMap((group) => group.pages);
    expect([...grouped].sort()).toEqual(ACCOUNT_PAGES.map((item) => item.page).sort());
  });

  it('start with the home page and end with closing the profile', () => {
    expect(ACCOUNT_GROUPS[0].pages).toEqual(['home']);
    expect(ACCOUNT_GROUPS.at(-1)?.pages).toEqual(['closure']);
  });
});

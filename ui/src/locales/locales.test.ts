import { describe, expect, it } from 'vitest';
import en from './en.json';
import ru from './ru.json';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  it('have no empty texts', () => {
    for (const dictionary of [ru, en]) {
      const empty = Object.entries(dictionary).filter(([, text]) => text.trim() === '');
      expect(empty).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const english = en as Record<string, string>;
    const mismatched = Object.entries(ru as Record<string, string>).filter(
      ([key, text]) => placeholders(text).join() !== placeholders(english[key] ?? '').join(),
    );
    expect(mismatched).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/i18n.svelte';
import { describeProgress, fraction } from './progress';

const MIB = 1024 * 1024;

describe('describeProgress', () => {
  afterEach(() => setLocale('ru'));

  it('counts files and megabytes as «12 из 40 файлов, 3,1 из 9,8 МБ»', () => {
    const step = { done: 12, total: 40, bytes_done: Math.round(3.1 * MIB), bytes_total: Math.round(9.8 * MIB) };
    expect(describeProgress(step)).toBe('12 из 40 файлов, 3,1 из 9,8 МБ');
  });

  it('agrees the noun with the total and uses kilobytes for a small archive', () => {
    expect(describeProgress({ done: 0, total: 21, bytes_done: 0, bytes_total: 90_112 })).toBe('0 из 21 файла, 0 из 88 КБ');
    expect(describeProgress({ done: 1, total: 1, bytes_done: 1, bytes_total: 1 })).toBe('1 из 1 файла, 1 из 1 КБ');
  });

  it('speaks English with a decimal point', () => {
    setLocale('en');
    const step = { done: 1, total: 2, bytes_done: Math.round(1.5 * MIB), bytes_total: 2 * MIB };
    expect(describeProgress(step)).toBe('1 of 2 files, 1.5 of 2.0 MB');
  });
});

describe('fraction', () => {
  it('follows the bytes, or the files when there are no bytes', () => {
    expect(fraction({ done: 1, total: 4, bytes_done: 750, bytes_total: 1000 })).toBe(0.75);
    expect(fraction({ done: 1, total: 4, bytes_done: 0, bytes_total: 0 })).toBe(0.25);
    expect(fraction({ done: 0, total: 0, bytes_done: 0, bytes_total: 0 })).toBe(0);
  });
});

import type { MessageKey } from '../i18n/i18n.svelte';

export function genderKey(gender: string): MessageKey | null {
  if (gender === 'М') return 'gender.male';
  if (gender === 'Ж') return 'gender.female';
  return null;
}

export function fullName(parts: readonly string[]): string {
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
}

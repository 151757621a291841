import type { Level } from '../api/contract';
import type { MessageKey } from '../i18n/i18n.svelte';
import { levelKey } from '../session/labels';

/** «123-456-789 01» for 11 digits; anything else as given. */
export function formatSnils(snils: string): string {
  const digits = snils.replace(/\D/g, '');
  if (digits.length !== 11) return snils;
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`;
}

/** «45 08 123456» for the 10 digits of a passport's series and number; anything else as given. */
export function formatPassport(passport: string): string {
  const digits = passport.replace(/\D/g, '');
  if (digits.length !== 10) return passport;
  return `${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`;
}

const ACTORS: Record<string, MessageKey> = {
  citizen: 'history.actor_citizen',
  operator: 'history.actor_operator',
  system: 'history.actor_system',
};

/** «гражданин», «оператор», «система»; an unknown actor as given. */
export function actorKey(actor: string): MessageKey | null {
  return ACTORS[actor] ?? null;
}

const LEVELS: readonly string[] = ['simplified', 'standard', 'confirmed'] satisfies Level[];

/** A level's name in words when `value` is one (the history keeps the machine name). */
export function levelValueKey(value: string): MessageKey | null {
  return LEVELS.includes(value) ? levelKey(value as Level) : null;
}

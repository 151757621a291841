import ru from '../../locales/ru.json';
import en from '../../locales/en.json';
import type { Locale } from '../api/contract';

export type MessageKey = keyof typeof ru;
export type Params = Record<string, string | number>;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { ru, en };

export const i18n = $state<{ locale: Locale }>({ locale: 'ru' });

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function t(key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[i18n.locale][key] ?? key, params);
}

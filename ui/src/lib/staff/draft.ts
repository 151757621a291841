import type { Field, SmtpTls, TransportSettingsView, TransportUpdate } from '../api/contract';

/** The transports form as typed: every input a string, secrets empty unless being replaced. */
export type TransportDraft = {
  email: 'local' | 'smtp';
  host: string;
  port: string;
  tls: SmtpTls;
  user: string;
  from: string;
  password: string;
  sms: 'local' | 'http';
  url: string;
  template: string;
  token: string;
};

/** The fields of the transports form the core names in its errors, in form order. */
export const TRANSPORT_FIELDS: readonly Field[] = [
  'smtp_host',
  'smtp_port',
  'smtp_user',
  'smtp_from',
  'gateway_url',
  'body_template',
];

export const DEFAULT_TEMPLATE = '{"to": "{to}", "text": "{text}", "id": "{key}"}';

export function draftOf(view: TransportSettingsView): TransportDraft {
  const { email, sms } = view.settings;
  const smtp = email.transport === 'smtp' ? email : null;
  const http = sms.transport === 'http' ? sms : null;
  return {
    email: email.transport,
    host: smtp?.host ?? '',
    port: smtp ? String(smtp.port) : '587',
    tls: smtp?.tls ?? 'starttls',
    user: smtp?.user ?? '',
    from: smtp?.from ?? '',
    password: '',
    sms: sms.transport,
    url: http?.url ?? '',
    template: http?.body_template ?? DEFAULT_TEMPLATE,
    token: '',
  };
}

/** A port the core can read; anything else goes as 0 so the core names the field. */
function port(text: string): number {
  const value = Number(text.trim());
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? value : 0;
}

/** What is saved: an empty secret input keeps the stored secret. */
export function updateOf(draft: TransportDraft): TransportUpdate {
  const email =
    draft.email === 'smtp'
      ? {
          transport: 'smtp' as const,
          host: draft.host,
          port: port(draft.port),
          tls: draft.tls,
          user: draft.user.trim() === '' ? null : draft.user,
          from: draft.from,
        }
      : { transport: 'local' as const };
  const sms =
    draft.sms === 'http'
      ? { transport: 'http' as const, url: draft.url, body_template: draft.template }
      : { transport: 'local' as const };
  const update: TransportUpdate = { settings: { email, sms } };
  if (draft.email === 'smtp' && draft.password !== '') update.smtp_password = draft.password;
  if (draft.sms === 'http' && draft.token !== '') update.sms_token = draft.token;
  return update;
}

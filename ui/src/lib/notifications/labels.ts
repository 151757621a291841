import type {
  AttemptResult,
  Channel,
  DeliveryStatus,
  EventCategory,
  Folder,
} from '../api/contract';
import type { MessageKey } from '../i18n/i18n.svelte';

/** The channels a citizen switches, in the matrix's column order. */
export const SWITCHABLE = ['desktop', 'email', 'sms'] as const;
export type Switchable = (typeof SWITCHABLE)[number];

/** Every channel, as «История сообщений» lists them. */
export const CHANNEL_KEYS: Record<Channel, MessageKey> = {
  in_app: 'channel.in_app',
  desktop: 'channel.desktop',
  email: 'channel.email',
  sms: 'channel.sms',
};

export const CATEGORIES: readonly EventCategory[] = ['applications', 'reminders', 'security', 'account', 'news'];

export const CATEGORY_KEYS: Record<EventCategory, MessageKey> = {
  applications: 'category.applications',
  reminders: 'category.reminders',
  security: 'category.security',
  account: 'category.account',
  news: 'category.news',
};

export const FOLDERS: readonly Folder[] = ['inbox', 'archive', 'deleted'];

export const FOLDER_KEYS: Record<Folder, MessageKey> = {
  inbox: 'inbox.folder_inbox',
  archive: 'inbox.folder_archive',
  deleted: 'inbox.folder_deleted',
};

export const STATUS_KEYS: Record<DeliveryStatus, MessageKey> = {
  sent: 'delivery.sent',
  pending: 'delivery.pending',
  sending: 'delivery.sending',
  held: 'delivery.held',
  failed: 'delivery.failed',
  suppressed: 'delivery.suppressed',
  archived: 'delivery.archived',
};

export const ATTEMPT_KEYS: Record<AttemptResult, MessageKey> = {
  sending: 'attempt.sending',
  sent: 'attempt.sent',
  failed: 'attempt.failed',
  interrupted: 'attempt.interrupted',
};

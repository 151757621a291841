import type { MessageKey } from '../i18n/i18n.svelte';

/** The sections of the signed-in area. */
export type AccountPage =
  | 'home'
  | 'profile'
  | 'history'
  | 'consents'
  | 'closure'
  | 'documents'
  | 'applications'
  | 'debts'
  | 'security'
  | 'sessions'
  | 'journal'
  | 'notifications'
  | 'notification-settings'
  | 'message-history';

export const ACCOUNT_PAGES: readonly { page: AccountPage; label: MessageKey; testid: string }[] = [
  { page: 'home', label: 'nav.home', testid: 'nav-home' },
  { page: 'profile', label: 'nav.profile', testid: 'nav-profile' },
  { page: 'history', label: 'nav.history', testid: 'nav-history' },
  { page: 'consents', label: 'nav.consents', testid: 'nav-consents' },
  { page: 'documents', label: 'nav.documents', testid: 'nav-documents' },
  { page: 'applications', label: 'nav.applications', testid: 'nav-applications' },
  { page: 'debts', label: 'nav.debts', testid: 'nav-debts' },
  { page: 'security', label: 'nav.security', testid: 'nav-security' },
  { page: 'sessions', label: 'nav.sessions', testid: 'nav-sessions' },
  { page: 'journal', label: 'nav.journal', testid: 'nav-journal' },
  { page: 'notifications', label: 'nav.notifications', testid: 'nav-notifications' },
  { page: 'notification-settings', label: 'nav.notification_settings', testid: 'nav-notification-settings' },
  { page: 'message-history', label: 'nav.message_history', testid: 'nav-message-history' },
  { page: 'closure', label: 'nav.closure', testid: 'nav-closure' },
];

/** A run of related sections under one small heading; the first and the last stand without one. */
export interface AccountGroup {
  id: string;
  heading?: MessageKey;
  pages: readonly AccountPage[];
}

/** The navigation's order: 15 flat links read as a wall, so related sections sit together. */
export const ACCOUNT_GROUPS: readonly AccountGroup[] = [
  { id: 'main', pages: ['home'] },
  { id: 'profile', heading: 'nav.group_profile', pages: ['profile', 'history', 'consents'] },
  { id: 'services', heading: 'nav.group_services', pages: ['applications', 'documents', 'debts'] },
  {
    id: 'notifications',
    heading: 'nav.group_notifications',
    pages: ['notifications', 'notification-settings', 'message-history'],
  },
  { id: 'security', heading: 'nav.group_security', pages: ['security', 'sessions', 'journal'] },
  { id: 'closure', pages: ['closure'] },
];

import type { AccountStatus, Level } from '../api/contract';
import type { MessageKey } from '../i18n/i18n.svelte';

const LEVELS: Record<Level, MessageKey> = {
  simplified: 'level.simplified',
  standard: 'level.standard',
  confirmed: 'level.confirmed',
};

const STATUSES: Record<AccountStatus, MessageKey> = {
  active: 'status.active',
  pending_closure: 'status.pending_closure',
  closed: 'status.closed',
  purged: 'status.purged',
};

export function levelKey(level: Level): MessageKey {
  return LEVELS[level];
}

export function statusKey(status: AccountStatus): MessageKey {
  return STATUSES[status];
}

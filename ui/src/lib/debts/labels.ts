import type { DebtStatus } from '../api/contract';
import type { MessageKey } from '../i18n/i18n.svelte';

export const DEBT_STATUS_KEYS: Record<DebtStatus, MessageKey> = {
  open: 'debts.status_open',
  awaiting_confirmation: 'debts.status_awaiting',
  paid: 'debts.status_paid',
};

export const DEBT_STATUS_TONES: Record<DebtStatus, 'error' | 'attention' | 'success'> = {
  open: 'error',
  awaiting_confirmation: 'attention',
  paid: 'success',
};

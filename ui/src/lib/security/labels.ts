import type { SecondFactorKind } from '../api/contract';
import type { MessageKey } from '../i18n/i18n.svelte';

const FACTORS: Record<SecondFactorKind, MessageKey> = {
  totp: 'factor.totp',
  sms: 'factor.sms',
  email: 'factor.email',
};

export function factorKey(kind: SecondFactorKind): MessageKey {
  return FACTORS[kind];
}

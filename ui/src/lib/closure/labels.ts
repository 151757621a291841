import type { AccountStatus, ClosureReason } from '../api/contract';
import type { MessageKey } from '../i18n/i18n.svelte';
import type { Tone } from '../applications/labels';

/** The reasons in the order the rules book gives them; «Иное» asks for words. */
export const REASONS: readonly { code: ClosureReason; label: MessageKey }[] = [
  { code: 'not_needed', label: 'closure.reason.not_needed' },
  { code: 'delete_personal_data', label: 'closure.reason.delete_personal_data' },
  { code: 'other_services', label: 'closure.reason.other_services' },
  { code: 'suspicious_activity', label: 'closure.reason.suspicious_activity' },
  { code: 'other', label: 'closure.reason.other' },
];

export const reasonLabel = (code: ClosureReason): MessageKey =>
  REASONS.find((reason) => reason.code === code)?.label ?? 'closure.reason.other';

export const STATUS_TONES: Record<AccountStatus, Tone> = {
  active: 'success',
  pending_closure: 'attention',
  closed: 'error',
  purged: 'neutral',
};

/** Codes the core sends about a one-time code: shown at the code field. */
export const CODE_ERRORS: readonly string[] = ['code_missing', 'code_wrong', 'code_expired', 'code_burned'];

/** A PDF of a closure request or of the closed account. */
export type ClosureDocument = { kind: 'application' | 'blank' | 'confirmation'; number: string };

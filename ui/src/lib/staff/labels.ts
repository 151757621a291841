import type {
  ApplicationStatus,
  AuditBreak,
  CardPurpose,
  DebtKind,
  ForcedGround,
  ForcedStage,
  IncidentOutcome,
  RequestStatus,
} from '../api/contract';
import { i18n, t, type MessageKey } from '../i18n/i18n.svelte';

export const PURPOSES: readonly CardPurpose[] = ['citizen_request', 'application_review', 'identity_check'];

export const PURPOSE_LABELS: Record<CardPurpose, MessageKey> = {
  citizen_request: 'staff.find.purpose_citizen_request',
  application_review: 'staff.find.purpose_application_review',
  identity_check: 'staff.find.purpose_identity_check',
};

/** The statuses an operator moves an unfinished application to. */
export const OPERATOR_STATUSES: readonly ApplicationStatus[] = ['in_review', 'documents_required', 'completed', 'refused'];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, MessageKey> = {
  accepted: 'staff.app.status_accepted',
  in_review: 'staff.app.status_in_review',
  documents_required: 'staff.app.status_documents_required',
  completed: 'staff.app.status_completed',
  refused: 'staff.app.status_refused',
  cancelled: 'staff.app.status_cancelled',
};

export const DEBT_KINDS: readonly DebtKind[] = ['tax', 'fine', 'state_fee', 'utility'];

export const DEBT_KIND_LABELS: Record<DebtKind, MessageKey> = {
  tax: 'staff.debt.kind_tax',
  fine: 'staff.debt.kind_fine',
  state_fee: 'staff.debt.kind_state_fee',
  utility: 'staff.debt.kind_utility',
};

export const REQUEST_STATUS_LABELS: Record<RequestStatus, MessageKey> = {
  pending: 'staff.card.request_pending',
  review: 'staff.card.request_review',
  withdrawn: 'staff.card.request_withdrawn',
  rejected: 'staff.card.request_rejected',
  closed: 'staff.card.request_closed',
};

export const OUTCOMES: readonly IncidentOutcome[] = ['owner_confirmed', 'account_blocked', 'handed_to_supervisor'];

export const OUTCOME_LABELS: Record<IncidentOutcome, MessageKey> = {
  owner_confirmed: 'staff.incidents.outcome_owner_confirmed',
  account_blocked: 'staff.incidents.outcome_account_blocked',
  handed_to_supervisor: 'staff.incidents.outcome_handed_to_supervisor',
};

export const GROUNDS: readonly ForcedGround[] = [
  'rules_violation',
  'suspicious_activity',
  'court_decision',
  'authority_act',
  'death',
];

export const GROUND_LABELS: Record<ForcedGround, MessageKey> = {
  rules_violation: 'staff.forced.ground_rules_violation',
  suspicious_activity: 'staff.forced.ground_suspicious_activity',
  court_decision: 'staff.forced.ground_court_decision',
  authority_act: 'staff.forced.ground_authority_act',
  death: 'staff.forced.ground_death',
};

export const STAGE_TONES: Record<ForcedStage, 'attention' | 'error' | 'neutral' | 'success'> = {
  notice: 'attention',
  blocked: 'error',
  executed: 'neutral',
  cleared: 'success',
};

export const BREAK_LABELS: Record<AuditBreak, MessageKey> = {
  changed: 'staff.audit.break_changed',
  missing: 'staff.audit.break_missing',
  unlinked: 'staff.audit.break_unlinked',
  head_mismatch: 'staff.audit.break_head_mismatch',
};

type Plural = 'one' | 'few' | 'many';

/** The plural form of `n` in the current language (English: one or many). */
function pluralForm(n: number): Plural {
  const form = new Intl.PluralRules(i18n.locale).select(n);
  return form === 'one' || form === 'few' ? form : 'many';
}

const LEFT: Record<Plural, MessageKey> = {
  one: 'staff.queue.left_one',
  few: 'staff.queue.left_few',
  many: 'staff.queue.left_many',
};

/** «до 09.12.2026 · осталось 5 рабочих дней», «…· последний день» or «…· просрочено». */
export function dueText(due: string, daysLeft: number, overdue: boolean): string {
  if (overdue) return t('staff.queue.due_overdue', { date: due });
  if (daysLeft === 0) return t('staff.queue.due_last_day', { date: due });
  return t('staff.queue.due', { date: due, left: t(LEFT[pluralForm(daysLeft)], { n: daysLeft }) });
}

const ROWS: Record<Plural, MessageKey> = {
  one: 'staff.audit.rows_one',
  few: 'staff.audit.rows_few',
  many: 'staff.audit.rows_many',
};

/** «1 запись», «42 записи», «120 записей». */
export function rowsText(n: number): string {
  return t(ROWS[pluralForm(n)], { n });
}

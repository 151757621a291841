import type { DocumentKind } from '../api/contract';
import type { MessageKey } from '../i18n/i18n.svelte';

/** The name of each kind of document, as the lists and the check show it. */
export const KIND_LABELS: Record<DocumentKind, MessageKey> = {
  registration_certificate: 'doc_kind.registration_certificate',
  closure_application: 'doc_kind.closure_application',
  closure_application_blank: 'doc_kind.closure_application_blank',
  closure_confirmation: 'doc_kind.closure_confirmation',
  closure_act: 'doc_kind.closure_act',
  deletion_certificate: 'doc_kind.deletion_certificate',
  applications_history: 'doc_kind.applications_history',
  personal_data_extract: 'doc_kind.personal_data_extract',
  identity_code_slip: 'doc_kind.identity_code_slip',
  day_register: 'doc_kind.day_register',
};

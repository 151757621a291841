import type { ErrorCode } from '../api/contract';
import type { MessageKey } from '../i18n/i18n.svelte';

type FailureTexts = { title: MessageKey; help: MessageKey };

const FAILURES: Partial<Record<ErrorCode, FailureTexts>> = {
  keyring_unavailable: { title: 'failure.keyring_unavailable.title', help: 'failure.keyring_unavailable.help' },
  keyring_locked: { title: 'failure.keyring_locked.title', help: 'failure.keyring_locked.help' },
  key_missing: { title: 'failure.key_missing.title', help: 'failure.key_missing.help' },
  key_wrong: { title: 'failure.key_wrong.title', help: 'failure.key_wrong.help' },
  database_too_new: { title: 'failure.database_too_new.title', help: 'failure.database_too_new.help' },
  data_dir_unavailable: { title: 'failure.data_dir_unavailable.title', help: 'failure.data_dir_unavailable.help' },
  database_unavailable: { title: 'failure.database_unavailable.title', help: 'failure.database_unavailable.help' },
  internal: { title: 'failure.internal.title', help: 'failure.internal.help' },
};

/** The title and the advice for a start-up failure; unknown codes get the internal ones. */
export function failureTexts(code: ErrorCode): FailureTexts {
  return FAILURES[code] ?? { title: 'failure.internal.title', help: 'failure.internal.help' };
}

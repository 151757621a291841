import type { ApplicationStatus } from '../api/contract';
import type { MessageKey } from '../i18n/i18n.svelte';

/** The colour of a status tag: in progress, waiting for the citizen, done well, done badly, over. */
export type Tone = 'progress' | 'attention' | 'success' | 'error' | 'neutral';

export const STATUS_TONES: Record<ApplicationStatus, Tone> = {
  accepted: 'progress',
  in_review: 'progress',
  documents_required: 'attention',
  completed: 'success',
  refused: 'error',
  cancelled: 'neutral',
};

/** Who moved an application, as the core names them. */
export function actorKey(actor: string): MessageKey {
  if (actor === 'citizen') return 'applications.actor_citizen';
  if (actor === 'operator') return 'applications.actor_operator';
  return 'applications.actor_system';
}

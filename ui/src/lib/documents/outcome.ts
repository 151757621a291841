import type { ApiError, ExportDone } from '../api/contract';

/** What an export came to, as its block shows it; a closed save dialog leaves none. */
export type Outcome =
  | { kind: 'done'; done: ExportDone }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** The outcome of a finished call: null when the citizen closed the save dialog. */
export const finished = (done: ExportDone | null): Outcome | null => (done ? { kind: 'done', done } : null);

/** A refused or failed export; `cancelled` is the citizen's own «Отменить», not a failure. */
export function failed(error: unknown): Outcome {
  const apiError = error as Partial<ApiError>;
  if (apiError.code === 'cancelled') return { kind: 'cancelled' };
  return { kind: 'failed', message: apiError.message ?? String(error) };
}

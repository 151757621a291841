import type { ApiError } from '../api/contract';
import { formErrors, type SummaryItem } from '../ui/form';

/** What a service form shows after a refusal: the summary, and a message per field key. */
export type KeyedErrors = { items: SummaryItem[]; byKey: Record<string, string> };

export const NO_KEYED_ERRORS: KeyedErrors = { items: [], byKey: {} };

/**
 * A service form's fields are data, so the core names them by `key` under the one contract field
 * `form_field`. Each message goes to the input with that key, in the form's order; any other error
 * (`wrong_state`, an unknown service) is shown as its message in the summary.
 */
export function keyedErrors(error: ApiError, keys: readonly string[]): KeyedErrors {
  const byKey: Record<string, string> = {};
  for (const item of error.fields) {
    if (item.field === 'form_field' && item.key !== undefined && keys.includes(item.key)) byKey[item.key] ??= item.message;
  }
  const items = keys.flatMap((key) =>
    byKey[key] === undefined ? [] : [{ field: 'form_field' as const, scope: key, message: byKey[key] }],
  );
  if (items.length > 0) return { items, byKey };
  return { items: formErrors(error, []).items, byKey };
}

import type { ApiError, Field } from '../api/contract';
import { t } from '../i18n/i18n.svelte';
import { formatLocalTime } from './time';

/** A line of the error summary; `scope` tells apart fields of several forms on one page. */
export type SummaryItem = { field?: Field; scope?: string; message: string };

export type FormErrors = {
  items: SummaryItem[];
  byField: Partial<Record<Field, string>>;
};

export const NO_ERRORS: FormErrors = { items: [], byField: {} };

export function fieldId(field: string, scope?: string): string {
  return scope ? `field-${scope}-${field}` : `field-${field}`;
}

export function focusField(field: Field, scope?: string): void {
  const element = document.getElementById(fieldId(field, scope));
  if (!element) return;
  element.focus();
  element.scrollIntoView?.({ block: 'center' });
}

/**
 * Turns an error from the core into what a page shows: field errors of `pageFields` in the
 * summary and at their fields; any other error as its message, pointing at `fallbackField`.
 */
export function formErrors(error: ApiError, pageFields: readonly Field[], fallbackField?: Field): FormErrors {
  const onPage = error.fields.filter((item) => pageFields.includes(item.field));
  const byField: Partial<Record<Field, string>> = {};
  for (const item of onPage) byField[item.field] ??= item.message;
  if (error.code === 'validation' && onPage.length > 0) {
    const items = pageFields.flatMap((field) => {
      const message = byField[field];
      return message === undefined ? [] : [{ field, message }];
    });
    return { items, byField };
  }
  const field = onPage[0]?.field ?? fallbackField;
  if (field !== undefined) byField[field] ??= error.message;
  return { items: [{ field, message: error.message }], byField };
}

export function withNote(errors: FormErrors, note: string | null): FormErrors {
  if (note === null) return errors;
  return { ...errors, items: [...errors.items, { message: note }] };
}

/** «Повторите попытку после 12:34:56» when the core says when to try again. */
export function retryNote(error: ApiError): string | null {
  const at = error.details.retry_at;
  return at ? t('common.retry_at', { time: formatLocalTime(at) }) : null;
}

/** The same errors, with the summary's links pointing at the fields of the form `scope`. */
export function scoped(errors: FormErrors, scope: string): FormErrors {
  return { ...errors, items: errors.items.map((item) => (item.field ? { ...item, scope } : item)) };
}

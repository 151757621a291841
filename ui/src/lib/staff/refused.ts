import type { ApiError, Field } from '../api/contract';
import { formErrors, scoped, type FormErrors } from '../ui/form';

/** Whether a refusal was the staff session's end; true once the desk went back to the sign-in. */
export type OnExpired = (error: ApiError) => boolean;

/**
 * What a desk form shows for a refused call: the field errors of `fields` at their fields (of the
 * form `scope`, when several forms share a page) and in the summary, anything else as its
 * message (at `fallback` when given). `null` when the staff session had ended: the desk is gone.
 */
export function refused(
  caught: unknown,
  onexpired: OnExpired,
  fields: readonly Field[],
  fallback?: Field,
  scope?: string,
): FormErrors | null {
  const error = caught as ApiError;
  if (onexpired(error)) return null;
  const errors = formErrors(error, fields, fallback);
  return scope ? scoped(errors, scope) : errors;
}

/** A field error of this form, before any call: shown like the core's. */
export function required(field: Field, message: string, scope?: string): FormErrors {
  return { items: [{ field, scope, message }], byField: { [field]: message } };
}

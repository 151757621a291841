import { NO_ERRORS, scoped, type FormErrors, type SummaryItem } from './form';

/**
 * The errors of a page with several forms: one summary at the top of the page, for the form
 * submitted last; that form's fields show their messages, the others none.
 */
export class ErrorBoard {
  current = $state<{ scope: string; errors: FormErrors } | null>(null);

  get items(): SummaryItem[] {
    return this.current ? scoped(this.current.errors, this.current.scope).items : [];
  }

  of(scope: string): FormErrors {
    return this.current?.scope === scope ? this.current.errors : NO_ERRORS;
  }

  show(scope: string, errors: FormErrors): void {
    this.current = { scope, errors };
  }

  /** Clears the errors of `scope`, or all. */
  clear(scope?: string): void {
    if (scope === undefined || this.current?.scope === scope) this.current = null;
  }
}

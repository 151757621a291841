import type {
  Agreements,
  ApiError,
  CodeSent,
  PhoneConfirmed,
  Registered,
  RegistrationDraft,
} from '../api/contract';
import type { RegistrationApi } from '../api/types';
import { formErrors, NO_ERRORS, retryNote, withNote, type FormErrors } from '../ui/form';
import {
  ANSWER_STEPS,
  STEP_FIELDS,
  nextStep,
  previousStep,
  stepForFields,
  type Step,
} from './steps';

export type Answers = {
  surname: string;
  given_name: string;
  patronymic: string;
  birth_date: string;
  gender: string;
  password: string;
  password_repeat: string;
  accept_terms: boolean;
  accept_personal_data: boolean;
};

export function emptyAnswers(): Answers {
  return {
    surname: '',
    given_name: '',
    patronymic: '',
    birth_date: '',
    gender: '',
    password: '',
    password_repeat: '',
    accept_terms: false,
    accept_personal_data: false,
  };
}

/** Where the citizen is in registration and what they have entered so far. */
export class RegistrationFlow {
  step = $state<Step>('phone');
  phone = $state('');
  sent = $state<CodeSent | null>(null);
  confirmed = $state<PhoneConfirmed | null>(null);
  answers = $state<Answers>(emptyAnswers());
  agreements = $state<Agreements | null>(null);
  registered = $state<Registered | null>(null);
  errors = $state<FormErrors>(NO_ERRORS);
  returnToCheck = $state(false);
  answered = $state<Step[]>([]);

  goTo(step: Step, errors: FormErrors = NO_ERRORS): void {
    this.step = step;
    this.errors = errors;
  }

  /** «Назад» is offered on every page after the first, and on the phone page while changing it. */
  get canGoBack(): boolean {
    if (this.step === 'phone') return this.returnToCheck && this.confirmed !== null;
    return this.step !== 'done';
  }

  back(): void {
    this.goTo(this.returnToCheck && this.step !== 'check' ? 'check' : previousStep(this.step));
  }

  change(step: Step): void {
    this.returnToCheck = true;
    this.goTo(step);
  }

  codeSent(phone: string, sent: CodeSent): void {
    this.phone = phone;
    this.sent = sent;
    this.goTo('code');
  }

  /** After (re)confirming the phone: the first unanswered page, or the check page if none is. */
  phoneConfirmed(confirmed: PhoneConfirmed): void {
    this.confirmed = confirmed;
    const unanswered = ANSWER_STEPS.find((step) => !this.answered.includes(step));
    this.goTo(unanswered ?? 'check');
  }

  /** The current page's answers were accepted: go on, or back to the check page. */
  advance(): void {
    if (!this.answered.includes(this.step)) this.answered = [...this.answered, this.step];
    this.goTo(this.returnToCheck ? 'check' : nextStep(this.step));
  }

  done(registered: Registered): void {
    this.registered = registered;
    this.returnToCheck = false;
    this.goTo('done');
  }

  /** The draft so far: answered pages plus the current one. */
  draft(): RegistrationDraft {
    const steps = new Set<Step>([...this.answered, this.step]);
    const draft: RegistrationDraft = { ticket: this.confirmed?.ticket ?? '' };
    for (const step of ANSWER_STEPS) {
      if (steps.has(step)) Object.assign(draft, this.answersOf(step));
    }
    return draft;
  }

  /** Sends the draft so far to the core's check; on success goes on, else shows the errors. */
  async submitAnswers(api: RegistrationApi): Promise<void> {
    try {
      await api.check(this.draft());
      this.advance();
    } catch (error) {
      this.fail(error as ApiError);
    }
  }

  /** Routes an error from the core to the page that can fix it. */
  fail(error: ApiError): void {
    switch (error.code) {
      case 'registration_expired':
        this.confirmed = null;
        this.goTo('phone', formErrors(error, []));
        return;
      case 'identifier_taken':
      case 'identifier_of_closed_account':
        this.goTo('phone', formErrors(error, STEP_FIELDS.phone, 'phone'));
        return;
      case 'validation': {
        const step = stepForFields(
          error.fields.map((item) => item.field),
          this.step,
        );
        this.goTo(step, formErrors(error, STEP_FIELDS[step]));
        return;
      }
      default: {
        const errors = formErrors(error, STEP_FIELDS[this.step], this.fallbackField(error));
        this.errors = this.step === 'code' ? errors : withNote(errors, retryNote(error));
      }
    }
  }

  private fallbackField(error: ApiError) {
    const codeErrors = ['code_missing', 'code_wrong', 'code_expired', 'code_burned'];
    return this.step === 'code' && codeErrors.includes(error.code) ? ('code' as const) : undefined;
  }

  private answersOf(step: Step): Partial<RegistrationDraft> {
    const a = this.answers;
    switch (step) {
      case 'name':
        return { surname: a.surname, given_name: a.given_name, patronymic: a.patronymic };
      case 'birth_date':
        return { birth_date: a.birth_date };
      case 'gender':
        return { gender: a.gender };
      case 'password':
        return { password: a.password, password_repeat: a.password_repeat };
      case 'agreements':
        return { accept_terms: a.accept_terms, accept_personal_data: a.accept_personal_data };
      default:
        return {};
    }
  }
}

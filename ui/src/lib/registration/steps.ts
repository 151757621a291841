import type { Field } from '../api/contract';

export type Step =
  | 'phone'
  | 'code'
  | 'name'
  | 'birth_date'
  | 'gender'
  | 'password'
  | 'agreements'
  | 'check'
  | 'done';

export const STEPS: readonly Step[] = [
  'phone',
  'code',
  'name',
  'birth_date',
  'gender',
  'password',
  'agreements',
  'check',
  'done',
];

/** The steps whose answers go into the draft. */
export const ANSWER_STEPS: readonly Step[] = ['name', 'birth_date', 'gender', 'password', 'agreements'];

export const STEP_FIELDS: Record<Step, readonly Field[]> = {
  phone: ['phone'],
  code: ['code'],
  name: ['surname', 'given_name', 'patronymic'],
  birth_date: ['birth_date'],
  gender: ['gender'],
  password: ['password', 'password_repeat'],
  agreements: ['accept_terms', 'accept_personal_data'],
  check: [],
  done: [],
};

export function stepOf(field: Field): Step | undefined {
  return STEPS.find((step) => STEP_FIELDS[step].includes(field));
}

/** The step to show for a set of bad fields: the current one if it has any, else the earliest. */
export function stepForFields(fields: readonly Field[], current: Step): Step {
  if (fields.some((field) => STEP_FIELDS[current].includes(field))) return current;
  const steps = fields.map(stepOf).filter((step): step is Step => step !== undefined);
  return STEPS.find((step) => steps.includes(step)) ?? current;
}

export function nextStep(step: Step): Step {
  return STEPS[Math.min(STEPS.indexOf(step) + 1, STEPS.length - 1)];
}

/** «Назад» from the first answer page returns to the phone: the code is already used. */
export function previousStep(step: Step): Step {
  if (step === 'name' || step === 'code') return 'phone';
  return STEPS[Math.max(STEPS.indexOf(step) - 1, 0)];
}

/** Page number shown in the caption, 1-based, counting the check page. */
export function stepNumber(step: Step): number {
  return STEPS.indexOf(step) + 1;
}

export const NUMBERED_STEPS = STEPS.length - 1;

export function testidSlug(step: Step): string {
  return step.replace(/_/g, '-');
}

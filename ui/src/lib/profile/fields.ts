import type { Field } from '../api/contract';

/** Every field of the profile form, in the order of the page (the error summary lists them so). */
export const PROFILE_FIELDS: readonly Field[] = [
  'surname',
  'given_name',
  'patronymic',
  'birth_date',
  'gender',
  'snils',
  'inn',
  'passport',
  'issue_date',
  'issued_by',
  'division_code',
  'address',
  'code',
];

/** Errors about the one-time code itself: shown at the code field. */
export const CODE_ERRORS: readonly string[] = ['code_missing', 'code_wrong', 'code_expired', 'code_burned'];

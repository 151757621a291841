import type { SignInOutcome } from '../api/contract';

/** What `session_sign_in` asks for when the account has a second factor. */
export type Challenge = Extract<SignInOutcome, { step: 'second_factor' }>;

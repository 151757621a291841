/** Why the staff sign-in screen is shown again: after «Выйти», or because the session ended. */
export type StaffNotice = 'signed_out' | 'expired';

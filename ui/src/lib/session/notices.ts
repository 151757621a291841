import type { MessageKey } from '../i18n/i18n.svelte';

/** Why the sign-in page is shown again, when it is worth telling. */
export type SignInNotice = 'recovery_done' | 'idle' | 'not_me' | 'session_ended' | 'restored';

type NoticeText = { testid: string; title: MessageKey; text: MessageKey; variant: 'success' | 'important' };

export const SIGN_IN_NOTICES: Record<SignInNotice, NoticeText> = {
  recovery_done: {
    testid: 'recovery-done',
    title: 'notice.recovery_done.title',
    text: 'notice.recovery_done.text',
    variant: 'success',
  },
  idle: { testid: 'idle-signed-out', title: 'notice.idle.title', text: 'notice.idle.text', variant: 'important' },
  not_me: { testid: 'not-me-done', title: 'notice.not_me.title', text: 'notice.not_me.text', variant: 'important' },
  session_ended: {
    testid: 'session-ended',
    title: 'notice.session_ended.title',
    text: 'notice.session_ended.text',
    variant: 'important',
  },
  restored: {
    testid: 'restore-done',
    title: 'notice.restored.title',
    text: 'notice.restored.text',
    variant: 'success',
  },
};

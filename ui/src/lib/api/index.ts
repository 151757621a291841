import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import type {
  Agreements,
  AppStatus,
  CodeSent,
  Locale,
  PhoneConfirmed,
  Registered,
  RegistrationDraft,
  SendCodeRequest,
  SessionView,
  SignInRequest,
  VerifyCodeRequest,
} from './contract';
import { toApiError } from './errors';
import type { Api, AppApi, RegistrationApi, SessionApi } from './types';
import { t } from '../i18n/i18n.svelte';

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error, t('failure.no_host_message'));
  }
}

export const app: AppApi = {
  status: () => call<AppStatus>('app_status'),
  setLocale: (locale: Locale) => call<null>('set_locale', { locale }),
};

export const registration: RegistrationApi = {
  agreements: () => call<Agreements>('registration_agreements'),
  sendCode: (request: SendCodeRequest) => call<CodeSent>('registration_send_code', { request }),
  verifyCode: (request: VerifyCodeRequest) =>
    call<PhoneConfirmed>('registration_verify_code', { request }),
  check: (draft: RegistrationDraft) => call<null>('registration_check', { draft }),
  complete: (draft: RegistrationDraft) => call<Registered>('registration_complete', { draft }),
};

export const session: SessionApi = {
  signIn: (request: SignInRequest) => call<SessionView>('session_sign_in', { request }),
  current: () => call<SessionView | null>('session_current'),
  signOut: () => call<null>('session_sign_out'),
};

export const api: Api = { app, registration, session };

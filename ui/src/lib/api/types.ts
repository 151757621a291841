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

export interface AppApi {
  status(): Promise<AppStatus>;
  setLocale(locale: Locale): Promise<null>;
}

export interface RegistrationApi {
  agreements(): Promise<Agreements>;
  sendCode(request: SendCodeRequest): Promise<CodeSent>;
  verifyCode(request: VerifyCodeRequest): Promise<PhoneConfirmed>;
  check(draft: RegistrationDraft): Promise<null>;
  complete(draft: RegistrationDraft): Promise<Registered>;
}

export interface SessionApi {
  signIn(request: SignInRequest): Promise<SessionView>;
  current(): Promise<SessionView | null>;
  signOut(): Promise<null>;
}

export interface Api {
  app: AppApi;
  registration: RegistrationApi;
  session: SessionApi;
}

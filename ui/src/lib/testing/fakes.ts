import { vi } from 'vitest';
import type { ApiError, ErrorCode, FieldError } from '../api/contract';
import type { Api, RegistrationApi, SessionApi } from '../api/types';

export function apiError(code: ErrorCode, message: string, fields: FieldError[] = [], details = {}): ApiError {
  return { code, message, fields, details };
}

export function fakeRegistrationApi(overrides: Partial<RegistrationApi> = {}): RegistrationApi {
  return {
    agreements: vi.fn(async () => ({
      terms_version: '1.0',
      terms_text: 'Текст соглашения',
      consent_version: '2.0',
      consent_text: 'Текст согласия',
    })),
    sendCode: vi.fn(async () => ({
      destination: '+79123456789',
      expires_at: new Date(Date.now() + 300_000).toISOString(),
      resend_at: new Date(Date.now() + 60_000).toISOString(),
      sends_left: 4,
    })),
    verifyCode: vi.fn(async () => ({
      ticket: 'ticket-1',
      phone: '+79123456789',
      expires_at: new Date(Date.now() + 1_800_000).toISOString(),
    })),
    check: vi.fn(async () => null),
    complete: vi.fn(async () => ({ account_number: '123-456-789', level: 'simplified' as const })),
    ...overrides,
  };
}

export function fakeSessionApi(overrides: Partial<SessionApi> = {}): SessionApi {
  return {
    signIn: vi.fn(async () => {
      throw apiError('invalid_credentials', 'Неверный логин или пароль');
    }),
    current: vi.fn(async () => null),
    signOut: vi.fn(async () => null),
    ...overrides,
  };
}

export function fakeApi(overrides: Partial<Api> = {}): Api {
  return {
    app: {
      status: vi.fn(async () => ({ failure: null, demo_delivery: false, locale: 'ru' as const, data_dir: '/data' })),
      setLocale: vi.fn(async () => null),
    },
    registration: fakeRegistrationApi(),
    session: fakeSessionApi(),
    ...overrides,
  };
}

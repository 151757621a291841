import type { ApiError } from './contract';

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

export function toApiError(value: unknown, fallbackMessage: string): ApiError {
  if (isApiError(value)) {
    return {
      code: value.code,
      message: value.message,
      fields: Array.isArray(value.fields) ? value.fields : [],
      details: value.details ?? {},
    };
  }
  return { code: 'internal', message: fallbackMessage, fields: [], details: {} };
}

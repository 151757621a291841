import type { ApiError } from '../api/contract';

/** Runs a call of the signed-in area and deals with what only the shell can handle. */
export type Guard = <T>(call: () => Promise<T>) => Promise<T>;

export interface GuardEvents {
  /** The session is over (ended elsewhere, idle in the core, «Это был не я»). */
  signedOut(error: ApiError): void;
  /** The password must be changed before anything else. */
  passwordChange(): void;
  /** Asks for the password again; resolves once it was accepted, rejects if the citizen gives up. */
  reauthenticate(): Promise<void>;
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as Partial<ApiError>).code : undefined;
}

/**
 * A guard: `reauthentication_required` asks for the password (once for all calls waiting) and then
 * repeats the call once; `not_signed_in` and `password_change_required` tell the shell. The error
 * is still thrown to the caller, so a form can show it.
 */
export function createGuard(events: GuardEvents): Guard {
  let asking: Promise<void> | null = null;

  async function run<T>(call: () => Promise<T>, mayAsk: boolean): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const code = codeOf(error);
      if (code === 'reauthentication_required' && mayAsk) {
        asking ??= events.reauthenticate().finally(() => (asking = null));
        try {
          await asking;
        } catch {
          throw error;
        }
        return run(call, false);
      }
      if (code === 'not_signed_in') events.signedOut(error as ApiError);
      if (code === 'password_change_required') events.passwordChange();
      throw error;
    }
  }

  return (call) => run(call, true);
}

/** The same group of API functions, each call going through `guard`. */
export function guarded<T extends object>(group: T, guard: Guard): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(group)) {
    wrapped[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => guard(() => (value as (...a: unknown[]) => Promise<unknown>).apply(group, args))
        : value;
  }
  return wrapped as T;
}

// The app's client: every command of the generated table (`commands.ts`) sent with Tauri's
// `invoke`, errors turned into `ApiError`, plus the system's desktop notifications.
import { invoke } from '@tauri-apps/api/core';
import { commands, type Call } from './commands';
import { desktop } from './desktop';
import { toApiError } from './errors';
import type { Api } from './types';
import { t } from '../i18n/i18n.svelte';

const call: Call = async <T>(...args: Parameters<typeof invoke>): Promise<T> => {
  try {
    return await invoke<T>(...args);
  } catch (error) {
    throw toApiError(error, t('failure.no_host_message'));
  }
};

export { desktop };

export const api: Api = { ...commands(call), desktop };

import type { Field, NotificationSettings, NotificationSettingsView } from '../api/contract';

/** The fields the core may name when it refuses settings, in form order. */
export const SETTINGS_FIELDS: readonly Field[] = ['notification_matrix', 'service', 'quiet_hours_start', 'quiet_hours_end'];

/** What the settings form edits: the settings, with quiet hours as a switch and two texts. */
export interface SettingsDraft {
  settings: NotificationSettings;
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
}

/** The form's starting point: a copy of the saved settings (22:00–08:00 offered when quiet hours are off). */
export function draftOf(view: NotificationSettingsView): SettingsDraft {
  const settings = JSON.parse(JSON.stringify(view.settings)) as NotificationSettings;
  const quiet = settings.quiet_hours;
  return {
    settings,
    quietOn: quiet !== null,
    quietStart: quiet?.start ?? '22:00',
    quietEnd: quiet?.end ?? '08:00',
  };
}

/** The one document «Сохранить» sends; locked rows are sent all on, as the core requires. */
export function payloadOf(draft: SettingsDraft, view: NotificationSettingsView): NotificationSettings {
  const locked = new Set(view.events.filter((info) => info.locked).map((info) => info.event));
  return {
    matrix: draft.settings.matrix.map((row) =>
      locked.has(row.event) ? { event: row.event, desktop: true, email: true, sms: true } : { ...row },
    ),
    overrides: draft.settings.overrides.map((item) => ({ ...item })),
    only_important: draft.settings.only_important,
    quiet_hours: draft.quietOn ? { start: draft.quietStart.trim(), end: draft.quietEnd.trim() } : null,
    working_hours_only: draft.settings.working_hours_only,
  };
}

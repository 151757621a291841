// The UI's view of the API: the generated interfaces of every command group (`commands.ts`,
// from the core's command table) and the two things that are not commands.
export type {
  AppApi,
  ApplicationsApi,
  AuditApi,
  ClosureApi,
  Commands,
  ConsentsApi,
  DebtsApi,
  DeskApi,
  DocumentsApi,
  ExportsApi,
  ForcedApi,
  NotificationsApi,
  PrintingApi,
  ProfileApi,
  QueueApi,
  RecoveryApi,
  RegistrationApi,
  SecurityApi,
  SessionApi,
  StaffApi,
  TeamApi,
  UploadsApi,
} from './commands';
import type { Commands } from './commands';

/** The system's notification service (Tauri's notification plugin). */
export interface DesktopNotifier {
  /** Shows one notification; false when the system does not allow it. */
  show(title: string, body: string): Promise<boolean>;
}

/** A file the citizen chose: its name and (at most the first 10 MiB + 1 byte of) its bytes. */
export type ChosenFile = { name: string; bytes: Uint8Array };

/** A receipt the citizen chose: its file name and bytes. */
export type ReceiptFile = ChosenFile;

/** What the staff desk calls: the staff member's own commands and the desk's groups. */
export type StaffDeskApi = Pick<Commands, 'staff' | 'desk' | 'printing' | 'queue' | 'forced' | 'team' | 'audit'>;

/** Everything the UI calls: the commands and the desktop notifier. */
export interface Api extends Commands {
  desktop: DesktopNotifier;
}

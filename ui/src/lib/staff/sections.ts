import type { StaffRole } from '../api/contract';
import type { MessageKey } from '../i18n/i18n.svelte';

/** A section of the staff desk; its nav button is `staff-nav-<section>`. */
export type StaffSection =
  | 'find'
  | 'closures'
  | 'restorations'
  | 'incidents'
  | 'printing'
  | 'forced'
  | 'blocks'
  | 'audit'
  | 'team'
  | 'admin';

const OPERATOR: readonly StaffSection[] = ['find', 'closures', 'restorations', 'incidents', 'printing'];
const SUPERVISOR: readonly StaffSection[] = [...OPERATOR, 'forced', 'blocks', 'audit', 'team', 'admin'];

/** The sections a role opens, in the nav's order; an operator's are a supervisor's first five. */
export function sectionsFor(role: StaffRole): readonly StaffSection[] {
  return role === 'supervisor' ? SUPERVISOR : OPERATOR;
}

export const SECTION_LABELS: Record<StaffSection, MessageKey> = {
  find: 'staff.nav.find',
  closures: 'staff.nav.closures',
  restorations: 'staff.nav.restorations',
  incidents: 'staff.nav.incidents',
  printing: 'staff.nav.printing',
  forced: 'staff.nav.forced',
  blocks: 'staff.nav.blocks',
  audit: 'staff.nav.audit',
  team: 'staff.nav.team',
  admin: 'staff.admin.title',
};

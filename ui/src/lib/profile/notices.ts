import type { ContactKind, Level } from '../api/contract';

/** What the profile page says after the citizen came back to it from a change. */
export type ProfileNotice =
  | { kind: 'saved'; level: Level; levelBefore: Level }
  | { kind: 'contact'; contact: ContactKind; old: string | null; value: string }
  | { kind: 'identity' };

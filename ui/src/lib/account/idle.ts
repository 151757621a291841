/** What counts as the citizen being there. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'input'] as const;

/** The idle timeout when the core has not said yet, in minutes. */
export const DEFAULT_IDLE_MINUTES = 15;

/** How often activity is reported to the core, so that its own idle limit agrees with the UI's. */
export const KEEP_ALIVE_MS = 60_000;

interface IdleOptions {
  minutes: number;
  /** No activity for `minutes`: called once, and the timer stops. */
  onidle: () => void;
  /** There was activity since the last report, at most every `KEEP_ALIVE_MS`. */
  onactive?: () => void;
  checkEveryMs?: number;
}

/** Watches pointer and keyboard activity and reports when there has been none for long enough. */
export class IdleTimer {
  private minutes: number;
  private lastActivity = Date.now();
  private lastReport = this.lastActivity;
  private interval: ReturnType<typeof setInterval> | undefined;
  private target: EventTarget | undefined;
  private readonly options: IdleOptions;

  constructor(options: IdleOptions) {
    this.options = options;
    this.minutes = options.minutes;
  }

  private readonly activity = () => {
    this.lastActivity = Date.now();
  };

  start(target: EventTarget): void {
    this.stop();
    this.target = target;
    this.lastActivity = Date.now();
    this.lastReport = this.lastActivity;
    for (const name of ACTIVITY_EVENTS) target.addEventListener(name, this.activity, { capture: true, passive: true });
    this.interval = setInterval(() => this.check(), this.options.checkEveryMs ?? 1000);
  }

  stop(): void {
    if (this.interval !== undefined) clearInterval(this.interval);
    this.interval = undefined;
    for (const name of ACTIVITY_EVENTS) this.target?.removeEventListener(name, this.activity, { capture: true });
    this.target = undefined;
  }

  setMinutes(minutes: number): void {
    if (Number.isFinite(minutes) && minutes > 0) this.minutes = minutes;
  }

  check(): void {
    const now = Date.now();
    if (now - this.lastActivity >= this.minutes * 60_000) {
      this.stop();
      this.options.onidle();
      return;
    }
    if (this.lastActivity > this.lastReport && now - this.lastReport >= KEEP_ALIVE_MS) {
      this.lastReport = now;
      this.options.onactive?.();
    }
  }
}

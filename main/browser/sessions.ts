import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Who may use the browser host: single-use launch links, and the sessions they start.
 *
 * A session is two secrets that travel apart: an id in an HttpOnly, host-only cookie, and a token that only the
 * page holds (the browser preload keeps it in sessionStorage and sends it as a header). Either alone is refused.
 * Sessions end after idle and absolute lifetimes; when the vault locks, every session keeps only what the
 * Unlock / Create vault screens need, and a successful unlock replaces the session that did it with a new one.
 */
export interface SessionLimits {
  /** A session with no request for this long has ended. */
  idleMs: number;
  /** A session ends this long after it started, used or not (a new unlock starts a new one). */
  absoluteMs: number;
  /** A launch link works once, within this time after it was made. */
  launchMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  launchMs: 60_000,
};

export interface Session {
  readonly id: string;
  readonly token: string;
  readonly createdAt: number;
  lastUsed: number;
  /** False after the vault locked: only the locked screens' channels answer. */
  open: boolean;
  /** Hash of the launch secret this session (or the one it replaced) came from. */
  readonly launch: string;
}

export type Refusal = { status: 401 | 403; code: 'SESSION_INVALID' | 'SESSION_LOCKED'; message: string };
export type Checked = { ok: true; session: Session } | ({ ok: false } & Refusal);

export type Exchange =
  | { ok: true; session: Session }
  /** The secret was not accepted. `holder` is the caller's own live session when that session came from this same link. */
  | { ok: false; message: string; holder?: Session };

const NEW_LINK = 'Press Enter in the terminal where the app runs for a new link, or start the app again.';
const random = (): string => randomBytes(32).toString('base64url');
const hash = (secret: string): string => createHash('sha256').update(secret).digest('base64url');
const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};
const minutes = (ms: number): string => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} hours` : `${Math.round(ms / 60_000)} minutes`);

interface Launch {
  expiresAt: number;
  used: boolean;
  settle: () => void;
  timer: NodeJS.Timeout;
}

export class Sessions {
  // Keyed by a hash of the secret, so looking one up compares nothing secret byte by byte.
  private readonly launches = new Map<string, Launch>();
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly limits: SessionLimits,
    private readonly now: () => number,
  ) {}

  /** A new single-use launch secret. `done` settles once it is used or has expired (to delete a launcher file). */
  newLaunch(): { secret: string; done: Promise<void> } {
    const secret = random();
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    const timer = setTimeout(settle, this.limits.launchMs);
    timer.unref();
    this.launches.set(hash(secret), { expiresAt: this.now() + this.limits.launchMs, used: false, settle, timer });
    return { secret, done };
  }

  /** Spend a launch secret for a new session. `cookie` is the session id the browser already holds, if any. */
  exchange(secret: string, vaultOpen: boolean, cookie: string | undefined): Exchange {
    const key = hash(secret);
    const launch = this.launches.get(key);
    if (!launch || launch.used || this.now() >= launch.expiresAt) {
      if (launch) {
        clearTimeout(launch.timer);
        launch.settle();
      }
      // The browser that used this link and still holds its session may come back through it (history, a second tab).
      const mine = this.current(cookie);
      const holder = mine && mine.launch === key ? mine : undefined;
      const message = !launch
        ? `This console link is not valid. ${NEW_LINK}`
        : launch.used
          ? `This console link was already used: each link opens the console once. ${NEW_LINK}`
          : `This console link has expired: links work for ${Math.round(this.limits.launchMs / 1000)} seconds. ${NEW_LINK}`;
      return holder ? { ok: false, message, holder } : { ok: false, message };
    }
    launch.used = true;
    clearTimeout(launch.timer);
    launch.settle();
    // A browser has one session: a new link replaces the one it had.
    const previous = this.current(cookie);
    if (previous) this.sessions.delete(previous.id);
    return { ok: true, session: this.add(vaultOpen, key) };
  }

  /** Both halves, matching, alive. Refreshes the idle time of the session it returns. */
  check(cookie: string | undefined, token: string | undefined): Checked {
    if (!cookie || !token) {
      return { ok: false, status: 401, code: 'SESSION_INVALID', message: `This window has no console session. Open the console with a new link. ${NEW_LINK}` };
    }
    const session = this.sessions.get(cookie);
    if (!session || !sameSecret(session.token, token)) {
      return { ok: false, status: 401, code: 'SESSION_INVALID', message: `This console session has ended. ${NEW_LINK}` };
    }
    const ended = this.endedBecause(session);
    if (ended) {
      this.sessions.delete(session.id);
      return { ok: false, status: 401, code: 'SESSION_INVALID', message: `${ended} ${NEW_LINK}` };
    }
    session.lastUsed = this.now();
    return { ok: true, session };
  }

  /** The live session a cookie names, without the token (for the page itself, which cannot send headers). */
  current(cookie: string | undefined): Session | undefined {
    const session = cookie ? this.sessions.get(cookie) : undefined;
    if (!session) return undefined;
    if (this.endedBecause(session)) {
      this.sessions.delete(session.id);
      return undefined;
    }
    return session;
  }

  /** The vault locked: every session keeps only the locked screens, and links not used yet stop working. */
  lockAll(): void {
    for (const session of this.sessions.values()) session.open = false;
    for (const launch of this.launches.values()) {
      if (launch.used) continue;
      launch.expiresAt = Math.min(launch.expiresAt, this.now());
      clearTimeout(launch.timer);
      launch.settle();
    }
  }

  /** After an unlock: a new id and token; the old pair gives nothing any more. */
  rotate(session: Session): Session | undefined {
    if (!this.sessions.delete(session.id)) return undefined;
    return this.add(true, session.launch);
  }

  /** Drops sessions past their lifetimes; returns their ids. */
  sweep(): string[] {
    const ended = [...this.sessions.values()].filter((s) => this.endedBecause(s));
    for (const s of ended) this.sessions.delete(s.id);
    return ended.map((s) => s.id);
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  clear(): void {
    for (const launch of this.launches.values()) {
      clearTimeout(launch.timer);
      launch.settle();
    }
    this.launches.clear();
    this.sessions.clear();
  }

  private add(open: boolean, launch: string): Session {
    const at = this.now();
    const session: Session = { id: random(), token: random(), createdAt: at, lastUsed: at, open, launch };
    this.sessions.set(session.id, session);
    return session;
  }

  private endedBecause(session: Session): string | null {
    const at = this.now();
    if (at - session.createdAt >= this.limits.absoluteMs) return `The console session ended: sessions last at most ${minutes(this.limits.absoluteMs)}.`;
    if (at - session.lastUsed >= this.limits.idleMs) return `The console session ended after ${minutes(this.limits.idleMs)} without use.`;
    return null;
  }
}

// Wrong-password counting per account AND per client (issue 18). Every password
// check (sign-in, password change) first reserves an attempt, in one IMMEDIATE
// SQLite transaction, and only then hashes: twenty parallel guesses cannot all
// pass a "not locked yet" check before the first one is counted (OWASP
// authentication cheat sheet, "Account lockout"). The client is the browser's
// `weft_device` cookie when it is one this person signed in with before;
// everything else shares the "unknown browsers" counter on the users row. So a
// stranger who guesses at an account locks out unknown browsers only, never the
// owner's known computers.
import { and, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { devices, users } from '../design/accounts.table';
import { newToken, sha256 } from './account-store';

/** Which counter an attempt goes to: a known browser of this person, or all others. */
export type Client = { userId: string; deviceHash: string | null };

export class SignInLocks {
  constructor(private readonly db: BetterSQLite3Database) {}

  /** The counter for this browser: its device when this person signed in on it before, else null (unknown browsers). */
  client(userId: string, deviceToken: string | undefined): Client {
    if (!deviceToken) return { userId, deviceHash: null };
    const hash = sha256(deviceToken);
    const known = this.db
      .select({ h: devices.tokenHash })
      .from(devices)
      .where(and(eq(devices.tokenHash, hash), eq(devices.userId, userId)))
      .get();
    return { userId, deviceHash: known ? hash : null };
  }

  /**
   * Counts one attempt before its password is checked. 'locked' when this client is
   * locked out of the account (the attempt is not checked at all); 'locking' when
   * this attempt reaches `limit` and locks the client for `lockMs` (it is still
   * checked: a right password then clears the lock).
   */
  reserve(c: Client, limit: number, lockMs: number, now = Date.now()): 'ok' | 'locking' | 'locked' {
    return this.db.transaction(
      (tx) => {
        const row = c.deviceHash
          ? tx
              .select({ failed: devices.failedLogins, lockedUntil: devices.lockedUntil })
              .from(devices)
              .where(this.deviceRow(c))
              .get()
          : tx
              .select({ failed: users.failedLogins, lockedUntil: users.lockedUntil })
              .from(users)
              .where(eq(users.id, c.userId))
              .get();
        if (!row) return 'ok';
        if (row.lockedUntil && Date.parse(row.lockedUntil) > now) return 'locked';
        const failed = row.failed + 1;
        const set =
          failed >= limit
            ? { failedLogins: 0, lockedUntil: new Date(now + lockMs).toISOString() }
            : { failedLogins: failed, lockedUntil: null };
        if (c.deviceHash) tx.update(devices).set(set).where(this.deviceRow(c)).run();
        else tx.update(users).set(set).where(eq(users.id, c.userId)).run();
        return failed >= limit ? 'locking' : 'ok';
      },
      { behavior: 'immediate' },
    );
  }

  /** A right password: this client's count starts again. */
  clear(c: Client): void {
    const set = { failedLogins: 0, lockedUntil: null };
    if (c.deviceHash) this.db.update(devices).set(set).where(this.deviceRow(c)).run();
    else this.db.update(users).set(set).where(eq(users.id, c.userId)).run();
  }

  /** An admin's unlock (or a password reset): every counter of the person, known browsers and unknown. */
  unlockAll(userId: string): void {
    const set = { failedLogins: 0, lockedUntil: null };
    this.db.update(users).set(set).where(eq(users.id, userId)).run();
    this.db.update(devices).set(set).where(eq(devices.userId, userId)).run();
  }

  /** Whether any counter of the person is locked now (the members list shows it). */
  isLocked(userId: string, now = Date.now()): boolean {
    const at = new Date(now).toISOString();
    const u = this.db.select({ l: users.lockedUntil }).from(users).where(eq(users.id, userId)).get();
    if (u?.l && u.l > at) return true;
    return this.db
      .select({ l: devices.lockedUntil })
      .from(devices)
      .where(eq(devices.userId, userId))
      .all()
      .some((d) => !!d.l && d.l > at);
  }

  /**
   * After a successful sign-in: the browser's device token, known to this person from now on.
   * Returns the token to (re)set as the cookie: the browser's own when it had one, else a new one.
   */
  remember(userId: string, deviceToken: string | undefined): string {
    const token = deviceToken && /^[A-Za-z0-9_-]{43}$/.test(deviceToken) ? deviceToken : newToken();
    this.db
      .insert(devices)
      .values({ tokenHash: sha256(token), userId })
      .onConflictDoNothing()
      .run();
    return token;
  }

  private deviceRow(c: Client) {
    return and(eq(devices.tokenHash, c.deviceHash!), eq(devices.userId, c.userId));
  }
}

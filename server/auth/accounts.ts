// Signing in and out, password changes, members, the first admin and the
// machine token of `weft run` (issue 7). Messages are for the person at the screen.
import { TRPCError } from '@trpc/server';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DesignStore } from '../design/design-store';
import { AccountStore, normalEmail, type WorkspaceRole } from './account-store';
import { LoginLimiter } from './login-limiter';
import { generatePassword, hashPassword, passwordProblem, verifyNothing, verifyPassword } from './passwords';
import type { Role } from './roles';

/** Five wrong passwords in a row lock an account for 15 minutes (OWASP authentication cheat sheet). */
export const LOCK_AFTER = 5;
export const LOCK_MS = 15 * 60_000;
export const MACHINE_USER = 'weft-machine';
const MACHINE_EMAIL = 'weft-command-line@machine.local';

export interface Me {
  user: { id: string; email: string; name: string };
  workspace: { id: string; name: string; role: Role };
  workspaces: WorkspaceRole[];
}

export class Accounts {
  readonly store: AccountStore;
  /** The design store's database (the audit log is read from it). */
  readonly db: DesignStore['db'];
  private readonly limiter = new LoginLimiter();

  constructor(private readonly design: DesignStore) {
    this.store = new AccountStore(design.db);
    this.db = design.db;
  }

  async signIn(email: string, password: string, clientKey: string): Promise<{ token: string; userId: string; workspaceId: string }> {
    const wait = this.limiter.hit(clientKey);
    if (wait > 0) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `Too many sign-in attempts from this computer. Wait ${minutes(wait)} and try again.` });
    const user = this.store.userByEmail(email);
    const wrong = () => new TRPCError({ code: 'UNAUTHORIZED', message: 'That email and password do not match. Check both and try again.' });
    if (!user?.passwordHash) {
      await verifyNothing(password);
      throw wrong();
    }
    const lockedMs = user.lockedUntil ? Date.parse(user.lockedUntil) - Date.now() : 0;
    if (lockedMs > 0) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `This account is locked after too many wrong passwords. Try again in ${minutes(lockedMs)}, or ask an admin.` });
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const { locked } = this.store.recordFailedLogin(user.id, LOCK_AFTER, LOCK_MS);
      this.auditAll(user.id, user.email, locked ? 'account.locked' : 'account.sign-in-failed');
      if (locked) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `Too many wrong passwords: this account is locked for ${minutes(LOCK_MS)}. Ask an admin if you need in sooner.` });
      throw wrong();
    }
    this.store.clearFailedLogins(user.id);
    const workspaces = this.store.workspacesOf(user.id);
    if (workspaces.length === 0) throw new TRPCError({ code: 'FORBIDDEN', message: 'Your account is not a member of any workspace yet. Ask an admin to add you.' });
    const token = this.store.createSession(user.id, workspaces[0].workspaceId);
    this.auditAll(user.id, user.email, 'account.sign-in');
    return { token, userId: user.id, workspaceId: workspaces[0].workspaceId };
  }

  me(userId: string, workspaceId: string): Me | null {
    const user = this.store.userById(userId);
    if (!user) return null;
    const workspaces = this.store.workspacesOf(userId);
    const current = workspaces.find((w) => w.workspaceId === workspaceId);
    if (!current) return null;
    return { user: { id: user.id, email: user.email, name: user.name }, workspace: { id: current.workspaceId, name: current.workspaceName, role: current.role }, workspaces };
  }

  async changePassword(userId: string, current: string, next: string, keepSessionHash: string | null): Promise<{ signedOutElsewhere: number }> {
    const user = this.store.userById(userId);
    // The new password's problems first: saying them reveals nothing, and costs no hashing.
    const problem = passwordProblem(next, user?.email);
    if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
    if (!user?.passwordHash || !(await verifyPassword(current, user.passwordHash))) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Your current password is not right. Type it again.' });
    }
    this.store.setPassword(userId, await hashPassword(next));
    // A changed password ends every other session: whoever knew the old one is out.
    const n = this.store.endSessionsOf(userId, keepSessionHash ?? undefined);
    this.auditAll(userId, user.email, 'account.password-changed');
    return { signedOutElsewhere: n };
  }

  /** Adds a person to a workspace, creating the account with `password` if the email is new. */
  async addMember(workspaceId: string, email: string, name: string, role: Role, password: string | null): Promise<{ userId: string }> {
    const existing = this.store.userByEmail(email);
    if (existing && !existing.passwordHash) throw new TRPCError({ code: 'BAD_REQUEST', message: 'That address belongs to a machine account.' });
    let userId = existing?.id;
    if (!userId) {
      if (!password) throw new TRPCError({ code: 'BAD_REQUEST', message: 'A new account needs a first password.' });
      userId = this.store.createUser({ email, name: name || email, passwordHash: await hashPassword(password) });
    }
    this.store.setRole(userId, workspaceId, role);
    return { userId };
  }

  createWorkspace(id: string, name: string): void {
    this.design.ensureWorkspace(id, name);
  }

  workspaceExists(id: string): boolean {
    return this.design.workspaceExists(id);
  }

  /** An audit entry; inside an API call the signed-in person is recorded as the actor. */
  audit(workspaceId: string, action: string, subject: string, detail: Record<string, unknown>): void {
    this.design.audit(workspaceId, 'weft', action, subject, detail);
  }

  /** First start: an admin from WEFT_ADMIN_EMAIL / WEFT_ADMIN_PASSWORD, or with a generated password shown once. */
  async ensureFirstAdmin(workspaceId: string, env: NodeJS.ProcessEnv = process.env): Promise<{ email: string; password: string | null } | null> {
    if (this.store.countPeople() > 0) return null;
    const email = normalEmail(env.WEFT_ADMIN_EMAIL || 'admin@weft.local');
    const fromEnv = env.WEFT_ADMIN_PASSWORD;
    if (fromEnv) {
      const problem = passwordProblem(fromEnv);
      if (problem) throw new Error(`WEFT_ADMIN_PASSWORD is too weak: ${problem}`);
    }
    const password = fromEnv || generatePassword();
    const userId = this.store.createUser({ email, name: 'Administrator', passwordHash: await hashPassword(password) });
    this.store.setRole(userId, workspaceId, 'admin');
    this.design.audit(workspaceId, 'weft', 'account.create', email, { role: 'admin', firstAdmin: true });
    return { email, password: fromEnv ? null : password };
  }

  /**
   * The token `weft run` sends to a running Weft: kept in `machine.token` in the
   * data folder, readable only by its owner (like `secret.key`). Acts as an admin
   * of the workspace it was made for.
   */
  ensureMachineToken(dataDir: string, workspaceId: string): string {
    if (!this.store.userById(MACHINE_USER)) this.store.createUser({ id: MACHINE_USER, email: MACHINE_EMAIL, name: 'weft command line', passwordHash: null });
    this.store.setRole(MACHINE_USER, workspaceId, 'admin');
    const file = join(dataDir, 'machine.token');
    if (existsSync(file)) {
      const token = readFileSync(file, 'utf8').trim();
      if (this.store.token(token)?.kind === 'machine') return token;
    }
    this.store.deleteTokens('machine', workspaceId);
    const token = this.store.createToken('machine', workspaceId, MACHINE_USER);
    writeFileSync(file, token, { mode: 0o600 });
    chmodSync(file, 0o600);
    return token;
  }

  /** Audits an account event in every workspace the person belongs to. */
  private auditAll(userId: string, email: string, action: string): void {
    for (const w of this.store.workspacesOf(userId)) this.design.audit(w.workspaceId, email, action, email, {});
  }
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return m === 1 ? '1 minute' : `${m} minutes`;
}

export function readMachineToken(dataDir: string): string | null {
  const file = join(dataDir, 'machine.token');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

// Signing in and out, password changes, members, the first admin and the
// machine token of `weft run` (issue 7). Messages are for the person at the screen.
import { TRPCError } from '@trpc/server';
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DesignStore } from '../design/design-store';
import { AccountStore, normalEmail, type WorkspaceRole } from './account-store';
import { InvitationStore, type Invitation } from './invitation-store';
import { LoginLimiter } from './login-limiter';
import { SignInLocks } from './sign-in-locks';
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

/**
 * Every refused sign-in reads the same, whether the email is unknown, the password
 * wrong or the account locked for this browser (issue 18): the answer must not tell
 * a stranger which addresses have accounts, nor that one is locked.
 */
export const SIGN_IN_REFUSED =
  `That email and password do not match, or this account is paused after ${LOCK_AFTER} wrong ` +
  `passwords. Check both and try again in ${LOCK_MS / 60_000} minutes, or ask an admin to unlock it.`;

/** Who checks a password: their address (many wrong passwords from one computer wait) and their browser's device cookie. */
export interface PasswordClient {
  key: string;
  deviceToken?: string;
}

export class Accounts {
  readonly store: AccountStore;
  readonly locks: SignInLocks;
  readonly invitations: InvitationStore;
  /** The design store's database (the audit log is read from it). */
  readonly db: DesignStore['db'];
  private readonly limiter = new LoginLimiter();
  /** Told when a person's access ends (sign-out, removal): live streams of theirs stop (server/access-watch.ts). */
  readonly accessChanged = new EventEmitter();

  constructor(private readonly design: DesignStore) {
    this.store = new AccountStore(design.db);
    this.locks = new SignInLocks(design.db);
    this.invitations = new InvitationStore(design.db);
    this.db = design.db;
    this.accessChanged.setMaxListeners(0);
  }

  async signIn(
    email: string,
    password: string,
    client: PasswordClient,
  ): Promise<{ token: string; userId: string; workspaceId: string; deviceToken: string }> {
    this.waitForClient(client, 'sign-in attempts');
    const user = this.store.userByEmail(email);
    if (!user?.passwordHash) {
      await verifyNothing(password);
      throw new TRPCError({ code: 'UNAUTHORIZED', message: SIGN_IN_REFUSED });
    }
    const check = await this.checkPassword(user.id, user.passwordHash, password, client);
    if (check !== 'ok') {
      this.auditAll(
        user.id,
        user.email,
        check === 'locking' ? 'account.locked' : 'account.sign-in-failed',
        check === 'locked' ? { locked: true } : {},
      );
      throw new TRPCError({ code: 'UNAUTHORIZED', message: SIGN_IN_REFUSED });
    }
    for (const i of this.invitations.newAccountInvitations(user.id)) this.acceptInvitation(user.id, user.email, i);
    const workspaces = this.store.workspacesOf(user.id);
    if (workspaces.length === 0)
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: 'Your account is not a member of any workspace yet. Ask an admin to add you.',
      });
    // The workspace they last used, when they still belong to it (issue 18): never one somebody just added them to.
    const landing = workspaces.find((w) => w.workspaceId === user.lastWorkspaceId) ?? workspaces[0];
    const token = this.store.createSession(user.id, landing.workspaceId);
    this.store.setLastWorkspace(user.id, landing.workspaceId);
    this.auditAll(user.id, user.email, 'account.sign-in');
    return {
      token,
      userId: user.id,
      workspaceId: landing.workspaceId,
      deviceToken: this.locks.remember(user.id, client.deviceToken),
    };
  }

  me(userId: string, workspaceId: string): Me | null {
    const user = this.store.userById(userId);
    if (!user) return null;
    const workspaces = this.store.workspacesOf(userId);
    const current = workspaces.find((w) => w.workspaceId === workspaceId);
    if (!current) return null;
    return {
      user: { id: user.id, email: user.email, name: user.name },
      workspace: { id: current.workspaceId, name: current.workspaceName, role: current.role },
      workspaces,
    };
  }

  async changePassword(
    userId: string,
    current: string,
    next: string,
    keepSessionHash: string | null,
    client: PasswordClient,
  ): Promise<{ signedOutElsewhere: number }> {
    const user = this.store.userById(userId);
    // The new password's problems first: saying them reveals nothing, and costs no hashing.
    const problem = passwordProblem(next, user?.email);
    if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
    // A stolen session must not become an oracle for the current password (issue 18): same limits as sign-in.
    this.waitForClient(client, 'password checks');
    if (!user?.passwordHash)
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Your current password is not right. Type it again.' });
    const check = await this.checkPassword(userId, user.passwordHash, current, client);
    if (check === 'locked') {
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message:
          `Too many wrong passwords: password checks for your account are paused on this browser for ` +
          `up to ${LOCK_MS / 60_000} minutes. Try again later, or ask an admin.`,
      });
    }
    if (check !== 'ok')
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Your current password is not right. Type it again.' });
    this.store.setPassword(userId, await hashPassword(next));
    this.locks.unlockAll(userId);
    // A changed password ends every other session: whoever knew the old one is out.
    const n = this.store.endSessionsOf(userId, keepSessionHash ?? undefined);
    this.accessChanged.emit('change', userId);
    this.auditAll(userId, user.email, 'account.password-changed');
    return { signedOutElsewhere: n };
  }

  /**
   * An admin adds a person (issue 18): always an invitation, answered the same whether
   * the email has an account or not. A new email gets an account with `password` (the
   * admin tells it to them), and its first sign-in accepts the invitation; a person
   * with an account accepts or declines it when signed in. Their password is untouched.
   */
  async addMember(
    workspaceId: string,
    email: string,
    name: string,
    role: Role,
    password: string,
    invitedBy: string,
  ): Promise<void> {
    const problem = passwordProblem(password, email);
    if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
    // Hash in every case, so an existing address does not answer faster.
    const hash = await hashPassword(password);
    const existing = this.store.userByEmail(email);
    const userId = existing?.id ?? this.store.createUser({ email, name: name || email, passwordHash: hash });
    this.invitations.invite(workspaceId, userId, role, invitedBy, !existing);
  }

  acceptInvitation(userId: string, email: string, invitation: Invitation): void {
    this.store.setRole(userId, invitation.workspaceId, invitation.role);
    this.design.audit(invitation.workspaceId, email, 'member.accept', email, {
      role: invitation.role,
      invitedBy: invitation.invitedBy,
    });
  }

  /** An admin ends every lock of a member: known browsers and unknown ones. */
  unlock(userId: string): void {
    this.locks.unlockAll(userId);
  }

  /** A new generated password for the person, shown once; every session of theirs ends (admins, `weft users reset-password`). */
  async resetPassword(userId: string): Promise<string> {
    const password = generatePassword();
    this.store.setPassword(userId, await hashPassword(password));
    this.locks.unlockAll(userId);
    this.store.endSessionsOf(userId);
    this.accessChanged.emit('change', userId);
    return password;
  }

  /** Ends sessions of a person (sign out everywhere); their live streams end too. */
  endSessionsOf(userId: string): number {
    const n = this.store.endSessionsOf(userId);
    this.accessChanged.emit('change', userId);
    return n;
  }

  endSession(userId: string, idHash: string): void {
    this.store.endSession(idHash);
    this.accessChanged.emit('change', userId);
  }

  removeMember(userId: string, workspaceId: string): void {
    this.store.removeMember(userId, workspaceId);
    this.accessChanged.emit('change', userId);
  }

  /**
   * One password check, counted before it is made (sign-in-locks.ts): 'locked' = this
   * browser may not try this account now (checked against nothing, in the same time);
   * 'locking' = wrong, and it locked the account for this browser.
   */
  private async checkPassword(
    userId: string,
    hash: string,
    password: string,
    client: PasswordClient,
  ): Promise<'ok' | 'wrong' | 'locking' | 'locked'> {
    const c = this.locks.client(userId, client.deviceToken);
    const reserved = this.locks.reserve(c, LOCK_AFTER, LOCK_MS);
    if (reserved === 'locked') {
      await verifyNothing(password);
      return 'locked';
    }
    if (await verifyPassword(password, hash)) {
      this.locks.clear(c);
      this.limiter.succeeded(client.key);
      return 'ok';
    }
    return reserved === 'locking' ? 'locking' : 'wrong';
  }

  private waitForClient(client: PasswordClient, what: string): void {
    const wait = this.limiter.attempt(client.key);
    if (wait > 0)
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `Too many wrong passwords from this computer. Wait ${minutes(wait)} before more ${what}.`,
      });
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
  async ensureFirstAdmin(
    workspaceId: string,
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<{ email: string; password: string | null } | null> {
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
    if (!this.store.userById(MACHINE_USER))
      this.store.createUser({ id: MACHINE_USER, email: MACHINE_EMAIL, name: 'weft command line', passwordHash: null });
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
  private auditAll(userId: string, email: string, action: string, detail: Record<string, unknown> = {}): void {
    for (const w of this.store.workspacesOf(userId)) this.design.audit(w.workspaceId, email, action, email, detail);
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

// The QuickBooks Web Connector service (reference C1): the Web Connector on the
// customer's machine calls these methods outbound, on its schedule, so no port is
// opened at the customer (issue 5). Each session hands out the company file's
// outbox (engine/postgres/desktop-outbox.ts) as qbXML request sets, in the version
// negotiated from HostQuery, and stores the answers for the waiting nodes.
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import type pg from 'pg';
import {
  busySince,
  closeSession,
  noteCall,
  pruneAnswered,
  requeueOrphans,
  getSession,
  openSession,
  pauseFile,
  pendingCount,
  resumeFile,
  setSessionError,
  setSessionHost,
  storeAnswers,
  storeHresult,
  takeRequests,
} from '../../engine';
import { buildRequestSet } from '../../nodes/quickbooks/desktop/qbxml-build';
import {
  negotiateVersion,
  parseHcpResponse,
  parseResponseSet,
  QbxmlParseError,
} from '../../nodes/quickbooks/desktop/qbxml-parse';
import type { QbdRequest } from '../../nodes/quickbooks/desktop/qbxml-request';
import { describeHresult, normalizeHresult } from '../../nodes/quickbooks/desktop/qbd-status';
import type { Logger } from '../../nodes/define-node';
import { LOCK_AFTER, LOCK_MS } from '../auth/accounts';
import { LoginLimiter } from '../auth/login-limiter';
import { forLog } from './qbwc-body';

export interface DesktopLogin {
  connectionId: string;
  password: string;
  /** Company file path for authenticate's second item; "" = the file open in QuickBooks. */
  companyFile: string;
}

export interface QbwcOptions {
  pool: pg.Pool;
  /** The company-file connection whose Web Connector user this is (null = none). */
  findLogin(userName: string): Promise<DesktopLogin | null>;
  /** Requests per qbXML request set. */
  requestsPerSet?: number;
  /** How long an answer waits for a node to queue a follow-up (an iterator's Continue) before the session ends. */
  lingerMs?: number;
  /** Another session of the same file seen this recently and not closed → `busy`. */
  busyWindowMs?: number;
  /** A request that broke this many sessions (unreadable answers) fails instead of going again. */
  maxAttempts?: number;
  /** Days answers are kept for replay to reruns (default 30). */
  keepAnswersDays?: number;
  /** Wrong passwords allowed per company-file user and per client address, and the window they count in. */
  signInLimits?: { perUser: number; perClient: number; windowMs: number };
  log?: Logger;
}

export const SERVER_VERSION = 'Weft 0.1 QuickBooks Web Connector service';
/** getLastError's text when a session ends for lack of work (shown in the Web Connector's status). */
export const NO_MORE_WORK =
  'No more work: Weft has nothing queued for this company file. The next scheduled update asks again.';
/** QBWC 2.0 is the oldest with the documented document/literal contract. */
const MIN_CLIENT = [2, 0];

/**
 * Password guessing (issue 18: 7,660 guesses in 10 s) meets the sign-in's limits: five wrong
 * passwords lock a company-file user for 15 minutes (LOCK_AFTER, LOCK_MS), twenty from one
 * address in that time lock the address. Only wrong passwords count: a Web Connector signs
 * in at every update. A locked user or address is told `nvu`, as for a wrong password, so the
 * answer says nothing about which it was, and the right password waits for the lock to end.
 */
export const QBWC_SIGN_IN_LIMITS = { perUser: LOCK_AFTER, perClient: 20, windowMs: LOCK_MS };

export class QbwcService {
  private readonly failedPerUser: LoginLimiter;
  private readonly failedPerClient: LoginLimiter;

  constructor(private readonly o: QbwcOptions) {
    const limits = o.signInLimits ?? QBWC_SIGN_IN_LIMITS;
    this.failedPerUser = new LoginLimiter(limits.perUser, limits.windowMs);
    this.failedPerClient = new LoginLimiter(limits.perClient, limits.windowMs);
  }

  /** `client` is the caller's address (the key of the per-client limit). */
  async call(method: string, p: Record<string, string>, client = 'unknown'): Promise<string | number | string[]> {
    switch (method) {
      case 'serverVersion':
        return SERVER_VERSION;
      case 'clientVersion':
        return this.clientVersion(p.strVersion);
      case 'authenticate':
        return this.authenticate(p.strUserName, p.strPassword, client);
      case 'sendRequestXML':
        return this.sendRequestXML(p);
      case 'receiveResponseXML':
        return this.receiveResponseXML(p.ticket, p.response, p.hresult, p.message);
      case 'connectionError':
        return this.connectionError(p.ticket, p.hresult, p.message);
      case 'getLastError':
        return this.getLastError(p.ticket);
      case 'closeConnection':
        return this.closeConnection(p.ticket);
      default:
        throw new Error(`unknown method ${method}`);
    }
  }

  /** Whether the ticket is an open session's: such a request may carry a company file's large answers. */
  async hasOpenSession(ticket: string): Promise<boolean> {
    const s = await getSession(this.o.pool, ticket);
    return !!s && !s.closed;
  }

  clientVersion(v: string): string {
    const [a, b] = (v ?? '').split('.').map(Number);
    // "O:<version>" asks the user to install a newer Web Connector (reference C1).
    if (Number.isFinite(a) && (a < MIN_CLIENT[0] || (a === MIN_CLIENT[0] && (b || 0) < MIN_CLIENT[1])))
      return `O:${MIN_CLIENT.join('.')}`;
    return '';
  }

  async authenticate(user: string, password: string, client = 'unknown'): Promise<string[]> {
    const ticket = randomUUID();
    const login = await this.o.findLogin(user ?? '');
    // Counted against the current password: when an admin sets a new one (the Web Connector kept
    // trying the old one meanwhile, and locked it), the person typing it in is not refused.
    const userKey = login
      ? `user:${user}:${createHash('sha256').update(login.password).digest('base64url')}`
      : `user:${user ?? ''}`;
    // Counted before the check (auth/login-limiter.ts), so parallel guesses cannot all slip in first;
    // a right password takes its count back.
    const userWait = this.failedPerUser.attempt(userKey);
    const clientWait = this.failedPerClient.attempt(client);
    if (userWait > 0 || clientWait > 0) {
      this.o.log?.warn('Web Connector sign-in refused: too many wrong passwords', {
        user: forLog(user),
        client: forLog(client),
      });
      return [ticket, 'nvu'];
    }
    if (!login || !sameSecret(login.password, password ?? '')) {
      this.o.log?.warn('Web Connector sign-in refused', { user: forLog(user), client: forLog(client) });
      return [ticket, 'nvu'];
    }
    this.failedPerUser.succeeded(userKey);
    this.failedPerClient.succeeded(client);
    await noteCall(this.o.pool, login.connectionId);
    if (await busySince(this.o.pool, login.connectionId, this.o.busyWindowMs ?? 30_000)) return [ticket, 'busy'];
    // No session is at work on this file, so whatever is still marked as carried was lost with its session.
    await requeueOrphans(this.o.pool, login.connectionId);
    if ((await pendingCount(this.o.pool, login.connectionId)) === 0) return [ticket, 'none'];
    await openSession(this.o.pool, ticket, login.connectionId);
    return [ticket, login.companyFile];
  }

  async sendRequestXML(p: Record<string, string>): Promise<string> {
    const s = await getSession(this.o.pool, p.ticket);
    if (!s || s.closed) return '';
    let version = s.qbxmlVersion;
    if (p.strHCPResponse?.trim() || !version) {
      // HostQuery's SupportedQBXMLVersion list decides; the major/minor parameters are the fallback.
      const host = parseHcpResponse(p.strHCPResponse ?? '');
      const major = Number(p.qbXMLMajorVers) || 0;
      const offered = host?.supportedVersions.length
        ? host.supportedVersions
        : [`${major}.${Number(p.qbXMLMinorVers) || 0}`];
      // Without a HostQuery list, the parameters give QuickBooks' newest version: use ours if it is newer.
      const best = host?.supportedVersions.length
        ? negotiateVersion(offered)
        : major >= 13
          ? '13.0'
          : negotiateVersion(offered);
      if (!best) {
        await setSessionError(
          this.o.pool,
          p.ticket,
          `This QuickBooks speaks qbXML ${offered.join(', ')}; Weft needs 5.0 or newer (QuickBooks 2006 or later). Update QuickBooks.`,
        );
        return '';
      }
      version = best;
      await setSessionHost(this.o.pool, p.ticket, {
        companyFile: p.strCompanyFileName ?? '',
        qbxmlVersion: best,
        country: host?.country || p.qbXMLCountry || 'US',
        host,
        product: host?.productName ?? null,
      });
    }
    let taken = await takeRequests(this.o.pool, p.ticket, s.connectionId, this.o.requestsPerSet ?? 50);
    if (taken.length === 0 && (await this.linger(s.connectionId)))
      taken = await takeRequests(this.o.pool, p.ticket, s.connectionId, this.o.requestsPerSet ?? 50);
    if (taken.length === 0) {
      // Nothing queued: end the session. "" makes the Web Connector ask getLastError, which says so; never
      // "NoOp" there: the real Web Connector repeats NoOp every 5 s without limit, holding the company
      // file's integrated-application session open (QBWC Programmer's Guide, getLastError).
      await setSessionError(this.o.pool, p.ticket, NO_MORE_WORK);
      return '';
    }
    return buildRequestSet(
      version,
      taken.map((t) => ({ requestID: t.id, request: t.request as unknown as QbdRequest })),
    );
  }

  async receiveResponseXML(ticket: string, response: string, hresult: string, message: string): Promise<number> {
    const s = await getSession(this.o.pool, ticket);
    if (!s || s.closed) return -1;
    if (hresult?.trim()) {
      const info = describeHresult(hresult, message);
      await storeHresult(this.o.pool, ticket, info.hresult, info.message, {
        parseError: info.hresult === '0x80040400',
        maxAttempts: this.o.maxAttempts ?? 3,
        pause: info.pause,
      });
      if (info.pause) await pauseFile(this.o.pool, s.connectionId, info.message, info.hresult);
      await setSessionError(this.o.pool, ticket, info.message);
      this.o.log?.warn('QuickBooks Desktop error', { connection: s.connectionId, hresult: info.hresult });
      return -1; // negative: the Web Connector calls getLastError, then closes
    }
    let answers;
    try {
      answers = parseResponseSet(response ?? '');
    } catch (e) {
      const why = e instanceof QbxmlParseError ? e.message : String(e);
      await storeHresult(
        this.o.pool,
        ticket,
        'weft.unreadable',
        `QuickBooks sent an answer Weft could not read: ${why}`,
        // QuickBooks did the work; only its answer was cut short or garbled: writes are in doubt.
        { parseError: false, maxAttempts: this.o.maxAttempts ?? 3, processed: true },
      );
      await setSessionError(
        this.o.pool,
        ticket,
        `Weft could not read QuickBooks' answer (${why}); the requests go again on the next update.`,
      );
      return -1;
    }
    await storeAnswers(
      this.o.pool,
      ticket,
      answers.map((a) => ({ id: a.requestID, response: a })).filter((a) => /^\d+$/.test(a.id)),
    );
    await resumeFile(this.o.pool, s.connectionId);
    const pending = await pendingCount(this.o.pool, s.connectionId);
    if (pending === 0 && !(await this.linger(s.connectionId))) return 100;
    const answered = s.answered + answers.length;
    return Math.max(1, Math.min(99, Math.floor((100 * answered) / (answered + Math.max(1, pending)))));
  }

  async connectionError(ticket: string, hresult: string, message: string): Promise<string> {
    // The Web Connector could not open QuickBooks or the company file (C1, C4).
    const info = describeHresult(hresult, message);
    const s = await closeSession(this.o.pool, ticket);
    if (s) {
      if (info.pause) await pauseFile(this.o.pool, s.connectionId, info.message, info.hresult);
      await setSessionError(this.o.pool, ticket, info.message);
    }
    this.o.log?.warn('Web Connector could not reach QuickBooks', {
      hresult: forLog(normalizeHresult(hresult ?? '')),
      connection: s?.connectionId,
    });
    return 'done';
  }

  async getLastError(ticket: string): Promise<string> {
    const s = await getSession(this.o.pool, ticket);
    if (!s)
      return 'Weft does not know this Web Connector session (it may have expired). The next update starts a new one.';
    return s.lastError ?? '';
  }

  async closeConnection(ticket: string): Promise<string> {
    const s = await closeSession(this.o.pool, ticket);
    if (!s) return 'OK';
    await pruneAnswered(this.o.pool, s.connectionId, this.o.keepAnswersDays ?? 30);
    return s.lastError && s.lastError !== NO_MORE_WORK
      ? `Stopped: ${s.lastError}`
      : `OK: ${s.answered} request(s) answered.`;
  }

  /** Waits a little for a node to queue more work (e.g. the next page of an iterator). */
  private async linger(connectionId: string): Promise<boolean> {
    const until = Date.now() + (this.o.lingerMs ?? 1500);
    while (Date.now() < until) {
      await new Promise((ok) => setTimeout(ok, 100));
      if ((await pendingCount(this.o.pool, connectionId)) > 0) return true;
    }
    return false;
  }
}

function sameSecret(a: string, b: string): boolean {
  // Compare digests: timingSafeEqual needs equal lengths and must not leak the length.
  const h = (s: string) => createHash('sha256').update(s).digest();
  return a.length > 0 && timingSafeEqual(h(a), h(b));
}

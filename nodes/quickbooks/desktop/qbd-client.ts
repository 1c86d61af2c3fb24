// Sends qbXML requests through the company file's outbox and reads the answers:
// status codes 3170/3175/3176 (record or list in use) are retried as they are
// (reference C4), every other answer goes back to the node to decide.
import type { DesktopOutbox, NodeContext } from '../../define-node';
import type { QbdRs } from './qbxml-parse';
import type { QbdRequest } from './qbxml-request';
import { RETRYABLE } from './qbd-status';
import { COUNTRIES, type Country } from './qbd-catalogue';
import { sha256Hex } from '../../core/sha256';

export interface QbdResult {
  key: string;
  attempts: number;
  rs: QbdRs | null;
  /** QuickBooks threw for this request's set and it was not retried further (HRESULT). */
  error: { hresult: string; message: string } | null;
  /** A write still in doubt after its checks (its sessions kept being lost): not known to be saved. */
  inDoubt?: boolean;
}

/**
 * Settles a write whose session was lost (DesktopAnswer.inDoubt): the answer QuickBooks' records
 * show it was saved with, or null when it was not (qbd-in-doubt.ts; injected to keep imports one-way).
 */
export type SettleInDoubt = (
  client: QbdClient,
  items: { key: string; request: QbdRequest }[],
) => Promise<(QbdRs | null)[]>;

const RETRIES = 2;
/** Sends of a write after doubts: a session lost every time means the Web Connector is in trouble. */
const DOUBT_ROUNDS = 3;

export class QbdClient {
  constructor(
    private readonly ctx: NodeContext,
    private readonly outbox: DesktopOutbox,
    readonly connectionId: string,
    private readonly timeoutMs: number,
    private readonly settle?: SettleInDoubt,
  ) {}

  async send(items: { key: string; request: QbdRequest }[]): Promise<QbdResult[]> {
    let results = await this.submit(items);
    // The key each result was answered under (a resent write has its own).
    const sentAs = items.map((i) => i.key);
    for (let round = 1; round <= DOUBT_ROUNDS && this.settle; round++) {
      const doubted = results.map((r, i) => (r.inDoubt ? i : -1)).filter((i) => i >= 0);
      if (doubted.length === 0) break;
      const found = await this.settle(
        this,
        doubted.map((i) => ({ key: sentAs[i], request: items[i].request })),
      );
      const again: number[] = [];
      doubted.forEach((i, j) => {
        const rs = found[j];
        if (rs) results[i] = { key: items[i].key, attempts: results[i].attempts, rs, error: null };
        else again.push(i);
      });
      // Not saved: sent again under a key of its own (the doubted key keeps its row and is never resent).
      for (const i of again) sentAs[i] = `${items[i].key}~resent${round}`;
      const resent = await this.submit(again.map((i) => ({ key: sentAs[i], request: items[i].request })));
      again.forEach((i, j) => (results[i] = { ...resent[j], key: items[i].key }));
    }
    for (let round = 1; round <= RETRIES; round++) {
      const again = results.map((r, i) => (r.rs && RETRYABLE.has(r.rs.statusCode) ? i : -1)).filter((i) => i >= 0);
      if (again.length === 0) break;
      const retried = await this.submit(
        again.map((i) => ({ key: `${items[i].key}~retry${round}`, request: items[i].request })),
      );
      results = results.map((r, i) => {
        const j = again.indexOf(i);
        return j >= 0 ? { ...retried[j], key: r.key } : r;
      });
    }
    return results;
  }

  private edition: Promise<Country | null> | null = null;

  /**
   * The company file's country edition (HostQuery's Country: US, CA, UK, AU), asked
   * once per run and company file: the key is shared, so every node of the run gets
   * the one answer from the outbox. null when QuickBooks did not say (then
   * nothing is refused in advance; QuickBooks itself answers).
   */
  country(): Promise<Country | null> {
    this.edition ??= this.one(`host|${this.ctx.runId}|${this.connectionId}`, { type: 'HostQuery' }).then((r) => {
      const c = String(r.rs?.rets.find((x) => x['#kind'] === 'HostRet')?.Country ?? '').toUpperCase();
      return (COUNTRIES as readonly string[]).includes(c) ? (c as Country) : null;
    });
    return this.edition;
  }

  async one(key: string, request: QbdRequest): Promise<QbdResult> {
    return (await this.send([{ key, request }]))[0];
  }

  private async submit(items: { key: string; request: QbdRequest }[]): Promise<QbdResult[]> {
    if (items.length === 0) return [];
    const answers = await this.outbox.submit(
      this.connectionId,
      items.map((i) => ({ key: i.key, request: i.request as unknown as Record<string, unknown> })),
      {
        signal: this.ctx.signal,
        timeoutMs: this.timeoutMs,
        onWaiting: (w) =>
          this.ctx.setStatus(
            w.paused
              ? `paused: ${w.paused}`
              : `waiting for Web Connector: ${w.answered} of ${w.total} answered${w.lastSessionAt ? `, last update ${w.lastSessionAt.slice(11, 19)} UTC` : ''}`,
          ),
      },
    );
    this.ctx.setStatus(null);
    return answers.map((a) => ({
      key: a.key,
      attempts: a.attempts,
      rs: (a.response as QbdRs | null) ?? null,
      error: a.error,
      ...(a.inDoubt ? { inDoubt: true } : {}),
    }));
  }
}

/** A short stable hash (hex) of text, for request keys (runs in the browser bundle too: core/sha256.ts). */
export async function hashText(text: string, chars = 24): Promise<string> {
  return (await sha256Hex(text)).slice(0, chars);
}

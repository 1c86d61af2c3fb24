// Test helpers: a sandbox plus a QboClient wired to it the way production is; a clock whose waits take no time.
import { startQboSandbox, type QboSandbox, type QboSandboxOptions } from '../../sandbox/quickbooks-online/index';
import { QboClient, type QboClientOptions } from '../quickbooks/online/qbo-client';
import { QBO_LIMITS, QboGovernor, type GovernorClock, type GovernorLimits } from '../quickbooks/online/qbo-governor';
import { QboTokenSource, type QboTokens, type RotatedTokens } from '../quickbooks/online/qbo-tokens';

export interface Rig {
  sandbox: QboSandbox;
  client: QboClient;
  tokens: QboTokenSource;
  saved: RotatedTokens[];
  waits: [number, string][];
}

export async function rig(
  opts: QboSandboxOptions = {},
  clientOpts: Partial<QboClientOptions> & {
    limits?: Partial<GovernorLimits>;
    initialTokens?: Partial<QboTokens>;
    clock?: GovernorClock;
  } = {},
): Promise<Rig> {
  const sandbox = await startQboSandbox({ limits: false, ...opts });
  const saved: RotatedTokens[] = [];
  const waits: [number, string][] = [];
  const tokens = QboTokenSource.standalone({
    tokenUrl: sandbox.tokenUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    realmId: sandbox.realmId,
    tokens: { refreshToken: sandbox.refreshToken, ...clientOpts.initialTokens },
    saveTokens: (t) => {
      saved.push(t);
    },
  });
  const { limits, initialTokens: _t, clock: _c, ...rest } = clientOpts;
  const client = new QboClient({
    baseUrl: sandbox.baseUrl,
    realmId: sandbox.realmId,
    tokens,
    backoffMs: 20,
    governor: new QboGovernor({ ...QBO_LIMITS, ...limits }, clientOpts.clock),
    onWait: (ms, reason) => {
      waits.push([ms, reason]);
    },
    ...rest,
  });
  return { sandbox, client, tokens, saved, waits };
}

/** A governor clock whose waits take no time: each moves `now` on by its length. */
export function virtualClock(start: number) {
  let t = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    setTimeout(fn: () => void, ms: number) {
      const handle = { cancelled: false };
      setImmediate(() => {
        if (!handle.cancelled) {
          t += ms;
          slept.push(ms);
          fn();
        }
      });
      return handle;
    },
    clearTimeout(handle: unknown) {
      (handle as { cancelled: boolean }).cancelled = true;
    },
  };
}

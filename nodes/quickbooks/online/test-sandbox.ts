// Test helper: a sandbox plus a QboClient wired to it the way production is.
import { startQboSandbox, type QboSandbox, type QboSandboxOptions } from '../../../sandbox/quickbooks-online/index';
import { QboClient, type QboClientOptions } from './qbo-client';
import { QboGovernor, type GovernorLimits } from './qbo-governor';
import { QboTokenSource, type QboTokens, type RotatedTokens } from './qbo-tokens';

export interface Rig { sandbox: QboSandbox; client: QboClient; tokens: QboTokenSource; saved: RotatedTokens[]; waits: [number, string][] }

export async function rig(opts: QboSandboxOptions = {}, clientOpts: Partial<QboClientOptions> & { limits?: Partial<GovernorLimits>; initialTokens?: Partial<QboTokens> } = {}): Promise<Rig> {
  const sandbox = await startQboSandbox({ limits: false, ...opts });
  const saved: RotatedTokens[] = [];
  const waits: [number, string][] = [];
  const tokens = QboTokenSource.standalone({
    tokenUrl: sandbox.tokenUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, realmId: sandbox.realmId,
    tokens: { refreshToken: sandbox.refreshToken, ...clientOpts.initialTokens }, saveTokens: (t) => { saved.push(t); },
  });
  const { limits, initialTokens: _t, ...rest } = clientOpts;
  const client = new QboClient({
    baseUrl: sandbox.baseUrl, realmId: sandbox.realmId, tokens, backoffMs: 20,
    governor: new QboGovernor({ perMinute: 500, concurrent: 10, batchPerMinute: 40, windowMs: 60_000, ...limits }),
    onWait: (ms, reason) => { waits.push([ms, reason]); }, ...rest,
  });
  return { sandbox, client, tokens, saved, waits };
}

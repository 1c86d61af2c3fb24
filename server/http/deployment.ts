// How Weft is reached when it runs for a customer: the bind address (HOST), the
// public address people and the Web Connector use (WEFT_PUBLIC_URL), TLS built in
// (WEFT_TLS_CERT / WEFT_TLS_KEY) or an https reverse proxy in front
// (WEFT_TRUST_PROXY). The QuickBooks Web Connector refuses plain http for any host
// but localhost (Intuit, "QuickBooks Web Connector Programmer's Guide" v2.0: the
// .qwc AppURL must be https, http is accepted for localhost only), so Weft says so
// at start and on the .qwc download when it is not configured that way.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export interface Deployment {
  /** Bind address; 127.0.0.1 unless HOST says otherwise. */
  host: string;
  /** The https address users and the Web Connector reach, without a trailing slash; null = the request's own origin. */
  publicUrl: string | null;
  tls: { cert: Buffer; key: Buffer } | null;
  /** Express's `trust proxy` setting, or null when Weft is reached directly. */
  trustProxy: number | string | null;
}

export function deploymentFromEnv(env: NodeJS.ProcessEnv = process.env): Deployment {
  const certFile = env.WEFT_TLS_CERT?.trim();
  const keyFile = env.WEFT_TLS_KEY?.trim();
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new Error(
      'Set both WEFT_TLS_CERT and WEFT_TLS_KEY (PEM files of the certificate and its private key), or neither.',
    );
  }
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    publicUrl: publicUrlFromEnv(env),
    tls:
      certFile && keyFile ? { cert: readPem(certFile, 'WEFT_TLS_CERT'), key: readPem(keyFile, 'WEFT_TLS_KEY') } : null,
    trustProxy: trustProxyFrom(env.WEFT_TRUST_PROXY),
  };
}

function readPem(file: string, name: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(
      `${name} names ${file}, which Weft cannot read ` +
        `(${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Check the path ` +
        `and that this user may read it.`,
    );
  }
}

function publicUrlFromEnv(env: NodeJS.ProcessEnv): string | null {
  const raw = env.WEFT_PUBLIC_URL?.trim();
  if (!raw) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(
      `WEFT_PUBLIC_URL is "${raw}", which is not a web address. Set it to the address people open, e.g. https://weft.example.com`,
    );
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new Error(`WEFT_PUBLIC_URL must start with https:// (it is "${raw}").`);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** "1"/"true": one proxy in front (its X-Forwarded-* are believed); a number: that many hops; else addresses/subnets as express takes them. */
function trustProxyFrom(raw: string | undefined): number | string | null {
  const v = raw?.trim();
  if (!v || ['0', 'false', 'off', 'no'].includes(v.toLowerCase())) return null;
  if (['1', 'true', 'on', 'yes'].includes(v.toLowerCase())) return 1;
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** The address Weft is reached at: WEFT_PUBLIC_URL when set, else the origin the request came to. */
export function publicUrl(requestOrigin: string, env: NodeJS.ProcessEnv = process.env): string {
  return publicUrlFromEnv(env) ?? requestOrigin.replace(/\/+$/, '');
}

/** The HTTP or HTTPS server for the app (not yet listening). */
export function createWeftServer(d: Deployment, app: http.RequestListener): http.Server {
  return d.tls ? https.createServer({ cert: d.tls.cert, key: d.tls.key }, app) : http.createServer(app);
}

/** Plain-words warnings for a Weft others reach over the network but not over https. */
export function deploymentWarnings(d: Deployment, port: number): string[] {
  const out: string[] = [];
  const reachedAt =
    d.publicUrl ?? `${d.tls ? 'https' : 'http'}://${d.host.includes(':') ? `[${d.host}]` : d.host}:${port}`;
  const u = new URL(reachedAt);
  const loopback = LOOPBACK.has(u.hostname);
  if (u.protocol !== 'https:' && !loopback) {
    out.push(
      `Weft is reached at ${reachedAt}, over plain http: the QuickBooks Web Connector refuses it (it only calls https addresses, ` +
        'or localhost), and passwords would cross the network readable. Serve https: set WEFT_TLS_CERT and WEFT_TLS_KEY, or put ' +
        'an https reverse proxy in front with WEFT_TRUST_PROXY=1, and set WEFT_PUBLIC_URL to the https address.',
    );
  }
  if (d.publicUrl?.startsWith('https:') && !d.tls && d.trustProxy === null) {
    out.push(
      `WEFT_PUBLIC_URL is ${d.publicUrl}, but Weft serves plain http and trusts no proxy: set WEFT_TRUST_PROXY=1 when an https ` +
        'reverse proxy forwards to Weft (cookies are then marked Secure), or WEFT_TLS_CERT and WEFT_TLS_KEY to serve https itself.',
    );
  }
  return out;
}

export function isLoopback(hostname: string): boolean {
  return LOOPBACK.has(hostname);
}

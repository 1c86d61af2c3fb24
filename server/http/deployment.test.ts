// Weft for a customer's network (issue 13): TLS built in, or an https reverse proxy
// in front; the public address in the .qwc (the Web Connector refuses plain http
// except for localhost) and the warnings when that is not configured. Real HTTPS
// with a self-signed certificate made by openssl for the test.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { bootWeft, type Weft } from '../boot';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';
import { deploymentFromEnv, deploymentWarnings } from './deployment';

const db = testDatabases()[0];
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };
const OPENSSL = '/usr/bin/openssl';
const dirs: string[] = [];
const wefts: Weft[] = [];
const saved = { ...process.env };

async function boot(env: Record<string, string>): Promise<Weft> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-deploy-'));
  dirs.push(dir);
  Object.assign(process.env, env);
  const weft = await bootWeft({
    dataDir: dir,
    port: 0,
    databaseUrl: db.url,
    pgSchema: testSchema('deploy'),
    sandboxes: false,
    worker: false,
    log: quiet,
  });
  wefts.push(weft);
  return weft;
}

function get(
  url: string,
  o: { ca?: Buffer; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((ok, fail) => {
    const req = lib.get(u, { ca: o.ca, headers: o.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
  });
}

const cookies = (h: Record<string, string | string[] | undefined>) => ([] as string[]).concat(h['set-cookie'] ?? []);

describe('running for a customer', () => {
  afterEach(async () => {
    for (const w of wefts.splice(0)) await w.close();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.skipIf(!existsSync(OPENSSL))(
    'serves https itself with WEFT_TLS_CERT/WEFT_TLS_KEY: HSTS and Secure cookies (needs /usr/bin/openssl)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'weft-cert-'));
      dirs.push(dir);
      const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
      execFileSync(
        OPENSSL,
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=DNS:localhost,IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      const weft = await boot({ WEFT_TLS_CERT: cert, WEFT_TLS_KEY: key, WEFT_PUBLIC_URL: 'https://weft.example.com/' });
      expect(weft.url).toMatch(/^https:\/\/localhost:\d+$/);
      const ca = readFileSync(cert);
      const health = await get(`${weft.url}/healthz`, { ca });
      expect(health.status).toBe(200);
      expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      const me = await get(`${weft.url}/trpc/auth.me`, { ca });
      expect(cookies(me.headers).some((c) => /Secure/.test(c))).toBe(true);
      // The Web Connector's address is the public one, whatever host the request named.
      const wsdl = await get(`${weft.url}/qbwc?wsdl`, { ca });
      expect(wsdl.body).toContain('https://weft.example.com/qbwc');
      // Plain http to an https port is refused, not served.
      await expect(get(weft.url!.replace('https:', 'http:'))).rejects.toThrow();
      expect(weft.deploymentWarnings).toEqual([]);
    },
    120_000,
  );

  it('behind an https proxy (WEFT_TRUST_PROXY=1) believes X-Forwarded-Proto: HSTS and Secure cookies; without it, not', async () => {
    const forwarded = { 'X-Forwarded-Proto': 'https' };
    const proxied = await boot({ WEFT_TRUST_PROXY: '1', WEFT_PUBLIC_URL: 'https://weft.example.com' });
    const r = await get(`${proxied.url}/trpc/auth.me`, { headers: forwarded });
    expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(cookies(r.headers).every((c) => /Secure/.test(c))).toBe(true);
    expect(proxied.deploymentWarnings).toEqual([]);
    await proxied.close();
    wefts.splice(0);
    delete process.env.WEFT_TRUST_PROXY;

    const direct = await boot({});
    const d = await get(`${direct.url}/trpc/auth.me`, { headers: forwarded });
    expect(d.headers['strict-transport-security']).toBeUndefined();
    expect(cookies(d.headers).some((c) => /Secure/.test(c))).toBe(false);
    // An https public address with neither TLS nor a trusted proxy: Weft says what to set.
    expect(direct.deploymentWarnings.join(' ')).toMatch(/WEFT_TRUST_PROXY=1/);
  }, 120_000);

  it('writes WEFT_PUBLIC_URL into the .qwc AppURL, and refuses a plain-http address naming what to set', async () => {
    const weft = await boot({ WEFT_PUBLIC_URL: 'https://weft.example.com' });
    weft.design.upsertConnection({
      id: 'acme-file',
      workspaceId: 'default',
      kind: 'quickbooks-desktop',
      name: 'Acme',
      settings: { userName: 'acme-qbwc', companyFile: '' },
      secrets: { password: 'a-long-password' },
    });
    weft.services.accounts.store.createUser({
      id: 'admin-1',
      email: 'admin-1@example.com',
      name: 'admin-1',
      passwordHash: null,
    });
    weft.services.accounts.store.setRole('admin-1', 'default', 'admin');
    const api = createCallerFactory(appRouter)({
      services: weft.services,
      actor: { userId: 'admin-1', workspaceId: 'default' },
    });
    // The browser is on an internal address; the Web Connector must get the public https one.
    const { content } = await api.connections.qwc({ id: 'acme-file', origin: 'http://10.0.0.7:3000' });
    expect(content).toContain('<AppURL>https://weft.example.com/qbwc</AppURL>');
    delete process.env.WEFT_PUBLIC_URL;
    await expect(api.connections.qwc({ id: 'acme-file', origin: 'http://10.0.0.7:3000' })).rejects.toThrow(
      /WEFT_PUBLIC_URL/,
    );
  }, 120_000);

  it('warns at start when others reach Weft over plain http', () => {
    const open = deploymentWarnings(deploymentFromEnv({ HOST: '0.0.0.0' }), 3000);
    expect(open.join(' ')).toMatch(/Web Connector refuses it.*WEFT_TLS_CERT/);
    expect(deploymentWarnings(deploymentFromEnv({}), 3000)).toEqual([]);
    expect(() => deploymentFromEnv({ WEFT_TLS_CERT: '/x.pem' })).toThrow(/both WEFT_TLS_CERT and WEFT_TLS_KEY/);
  });
});

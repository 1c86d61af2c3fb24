// The HTTP face of Weft: tRPC at /trpc (SSE for live runs), /healthz, /metrics
// and the built designer. Issue 7: security headers and CSP on every answer,
// sessions or machine tokens on /trpc, CSRF checks on its POSTs, size limits.
// Machine endpoints keep their own authentication: /healthz needs none (it says
// only ready or not), /metrics a workspace's token, /qbwc its company file's
// Web Connector user and password (SOAP authenticate) — not the session cookie.
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { roleCan } from './auth/roles';
import { contextFromRequest } from './http/request-context';
import { failuresCsvHandler } from './failures/failures-csv';
import { metricsHandler } from './http/metrics';
import { qboCallback } from './qbo-connect/qbo-callback';
import { QBO_CALLBACK_PATH } from './qbo-connect/qbo-connect-service';
import { csrfCookie, requireCsrf, securityHeaders } from './http/web-security';
import { limitBatch, limitQueryDepth, MAX_BATCH, refuseBadCookies, verifyJsonDepth } from './http/request-limits';
import { redactText } from './redact-secrets';
import { appRouter } from './router';
import { qbwcRouter, type QbwcHttpOptions } from './qbwc/qbwc-router';
import type { Services } from './services';

export const DEFAULT_WORKSPACE = 'default';

/** The largest tRPC request body: a big flow document fits many times over. */
export const MAX_BODY_BYTES = 2_000_000;

export function createApp(opts: {
  services: Services;
  designerDir: string;
  isReady: () => boolean;
  pool?: pg.Pool;
  qbwc?: Omit<QbwcHttpOptions, 'downloadAccess'>;
}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use(refuseBadCookies);
  // Says only ready or not: nothing about the installation leaks here.
  app.get('/healthz', (_req, res) => {
    if (opts.isReady()) res.status(200).json({ status: 'ready' });
    else res.status(503).json({ status: 'starting' });
  });
  if (opts.pool) app.get('/metrics', metricsHandler(opts.services.accounts.store, opts.pool));
  // QuickBooks Web Connector SOAP service (issue 5); the .qwc download needs a signed-in person.
  // Issue 7: the .qwc names a company file's Web Connector user, so only an admin of the caller's workspace
  // may download it, and only that workspace's files are found (issue 13), as with tRPC `connections.qwc`.
  if (opts.qbwc) {
    const downloadAccess = (req: express.Request, res: express.Response) => {
      const actor = contextFromRequest(opts.services, req, res).actor;
      return { access: qwcAccess(opts.services, actor), workspaceId: actor?.workspaceId ?? DEFAULT_WORKSPACE };
    };
    app.use('/qbwc', qbwcRouter({ ...opts.qbwc, downloadAccess }));
  }
  // QuickBooks Online connect: Intuit redirects back here; the state must belong to this session's person.
  app.get(QBO_CALLBACK_PATH, qboCallback(opts.services));
  // Failed records as CSV for correction (issue 16), streamed.
  app.get(
    '/api/failed-records.csv',
    failuresCsvHandler(opts.services, (req, res) => contextFromRequest(opts.services, req, res).actor),
  );
  app.use(
    '/trpc',
    (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
    csrfCookie,
    requireCsrf,
    limitBatch,
    limitQueryDepth,
    express.json({ limit: MAX_BODY_BYTES, verify: verifyJsonDepth }),
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: MAX_BODY_BYTES,
      maxBatchSize: MAX_BATCH,
      createContext: ({ req, res }) => contextFromRequest(opts.services, req, res),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(redactText(`API ${path}: ${error.message}`));
      },
    }),
  );
  app.use(csrfCookie);
  if (existsSync(join(opts.designerDir, 'index.html'))) {
    app.use(express.static(opts.designerDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
  } else {
    app.get('/', (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('The designer is not built. Run "npm run build" (npm start does it for you).');
    });
  }
  // Bodies over the limit, malformed JSON: a plain answer, never a stack trace.
  app.use(
    (
      err: { status?: number; type?: string },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
      const message =
        err.type === 'entity.too.large'
          ? 'The request is too large.'
          : err.type === 'weft.json.depth'
            ? (err as Error).message
            : status < 500
              ? 'The request could not be read.'
              : 'Something went wrong on the server.';
      res.status(status).json({ error: { message } });
    },
  );
  return app;
}

/** Who may download a company file's .qwc: admins of its workspace; others are told which of the two they lack. */
function qwcAccess(
  services: Services,
  actor: { userId: string; workspaceId: string } | null,
): 'ok' | 'signed-out' | 'not-admin' {
  if (!actor) return 'signed-out';
  const role = services.accounts.store.roleIn(actor.userId, actor.workspaceId);
  return role !== null && roleCan(role, 'workspace.admin') ? 'ok' : 'not-admin';
}

function noCacheForHtml(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}

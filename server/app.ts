// The HTTP face of Weft: tRPC at /trpc (SSE for live runs), /healthz, and the
// built designer. Security hardening (accounts, CSRF, CSP) arrives with issue 7.
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRouter } from './router';
import type { Services } from './services';

export const DEFAULT_WORKSPACE = 'default';

export function createApp(opts: { services: Services; designerDir: string; isReady: () => boolean }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  // Says only ready or not: nothing about the installation leaks here.
  app.get('/healthz', (_req, res) => {
    if (opts.isReady()) res.status(200).json({ status: 'ready' });
    else res.status(503).json({ status: 'starting' });
  });
  app.use(
    '/trpc',
    express.json({ limit: '2mb' }),
    createExpressMiddleware({
      router: appRouter,
      createContext: () => ({ services: opts.services, actor: { userId: 'admin', workspaceId: DEFAULT_WORKSPACE } }),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`API ${path}: ${error.message}`);
      },
    }),
  );
  if (existsSync(join(opts.designerDir, 'index.html'))) {
    app.use(express.static(opts.designerDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
  } else {
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('The designer is not built. Run "npm run build" (npm start does it for you).');
    });
  }
  return app;
}

function noCacheForHtml(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}

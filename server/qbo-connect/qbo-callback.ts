// GET /oauth/qbo/callback: where Intuit sends the browser back after a QuickBooks
// Online connect. It runs with the normal session cookie: the `state` must belong
// to THIS signed-in person (issue 7). Answers are a redirect to the Connections
// screen, or a short page in plain words; never a stack trace.
//
// The session cookie is SameSite=Strict, so a browser arriving from Intuit's site
// does not send it. A page served from Weft itself that reloads the same address
// (meta refresh, no script: the CSP forbids inline script) is same-site, and then
// the cookie comes along. `again=1` marks that second try.
import type express from 'express';
import { roleCan } from '../auth/roles';
import { contextFromRequest } from '../http/request-context';
import { redactText } from '../redact-secrets';
import type { Services } from '../services';
import { ConnectRefused } from './qbo-connect-service';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: express.Response, status: number, title: string, body: string, head = ''): void {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>${head}</head>` +
        `<body><main><h1>${escape(title)}</h1><p>${escape(body)}</p><p><a href="/#/connections">Back to Connections</a></p></main></body></html>`,
    );
}

export function qboCallback(services: Services): express.RequestHandler {
  return (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const svc = services.qboConnect;
    if (!svc)
      return page(
        res,
        404,
        'QuickBooks connect is not available',
        'This Weft does not offer the QuickBooks Online connect flow.',
      );
    const q = req.query as Record<string, unknown>;
    const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : undefined);
    const ctx = contextFromRequest(services, req, res);
    // Only a browser session finishes a connect; a machine token never does.
    const signedIn = ctx.actor && ctx.sessionHash ? ctx.actor : null;
    if (!signedIn && !str('again')) {
      const again = `${req.originalUrl}${req.originalUrl.includes('?') ? '&' : '?'}again=1`;
      return page(
        res,
        200,
        'Finishing the QuickBooks connect…',
        'One moment.',
        `<meta http-equiv="refresh" content="0;url=${escape(again)}">`,
      );
    }
    const store = services.accounts.store;
    const user = signedIn ? store.userById(signedIn.userId) : null;
    const canAdminister = (workspaceId: string) => {
      const role = user ? store.roleIn(user.id, workspaceId) : null;
      return role !== null && roleCan(role, 'workspace.admin');
    };
    svc
      .finish(
        user ? { userId: user.id, email: user.email } : null,
        { code: str('code'), state: str('state'), realmId: str('realmId'), error: str('error') },
        canAdminister,
      )
      .then(({ connectionId }) => res.redirect(303, `/#/connections?connected=${encodeURIComponent(connectionId)}`))
      .catch((e: unknown) => {
        if (e instanceof ConnectRefused) return page(res, e.status, 'QuickBooks was not connected', e.message);
        console.error(redactText(`QuickBooks connect: ${String((e as Error)?.message ?? e)}`));
        page(
          res,
          500,
          'QuickBooks was not connected',
          'Something went wrong on the server while saving the connection. Try again; if it keeps ' +
            'failing, ask your Weft administrator to look at the server log.',
        );
      });
  };
}

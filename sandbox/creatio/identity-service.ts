// Creatio's Identity Service: on Creatio cloud a host of its own, `{site}-is.creatio.com`,
// not the site (reference A1, A2: ncino/glyue-docs etl/data-connectors/creatio.md; Creatio
// Academy "Identity Service" overview). It issues the client-credentials tokens the site's
// OData accepts; the site itself has no /connect/token. Served on its own port, so a client
// that derives the token URL from the site URL fails here as it would on Creatio cloud.
import express from 'express';
import type { AuthState } from './auth';

export function createIdentityApp(auth: AuthState): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.text({ type: () => true, limit: '1mb' }));

  app.post('/connect/token', (req, res) => {
    const r = auth.token(new URLSearchParams(typeof req.body === 'string' ? req.body : ''));
    res.status(r.status).json(r.body);
  });

  // Discovery (A2): clients may look the token endpoint up here.
  app.get('/.well-known/openid-configuration', (req, res) => {
    const base = `${req.protocol}://${req.get('host')}`;
    res.json({ issuer: base, token_endpoint: `${base}/connect/token`, grant_types_supported: ['client_credentials'] });
  });
  return app;
}

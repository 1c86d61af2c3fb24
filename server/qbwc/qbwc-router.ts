// HTTP face of the Web Connector service: POST /qbwc (SOAP 1.1), GET /qbwc?wsdl,
// GET /qbwc/<connection id>.qwc. Mounted by server/app.ts.
import express from 'express';
import { parseSoapCall, SoapFault, soapFault, soapResponse } from './qbwc-envelope';
import type { QbwcService } from './qbwc-service';
import { qbwcWsdl } from './qbwc-wsdl';
import { qwcFile, qwcFileName, type QwcConnection } from './qwc-file';

export interface QbwcHttpOptions {
  service: QbwcService;
  /** The Desktop connection with this id in this workspace, for its .qwc (null = none). */
  qwcConnection(connectionId: string, workspaceId?: string): Promise<QwcConnection | null>;
  /** Whether the caller may download a .qwc (an admin), and the workspace they act in; absent = anyone (tests). */
  downloadAccess?: (req: express.Request, res: express.Response) => { access: 'ok' | 'signed-out' | 'not-admin'; workspaceId: string };
}

export function originOf(req: express.Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

export function qbwcRouter(o: QbwcHttpOptions): express.Router {
  const r = express.Router();
  r.get('/', (req, res) => {
    if (!('wsdl' in req.query) && !('WSDL' in req.query)) {
      res.status(200).type('text/plain').send('QuickBooks Web Connector service of Weft. Add it to the Web Connector with the .qwc file from Connections.');
      return;
    }
    res.type('text/xml; charset=utf-8').send(qbwcWsdl(`${originOf(req)}${req.baseUrl}`));
  });
  r.post('/', express.text({ type: () => true, limit: '50mb' }), async (req, res) => {
    res.type('text/xml; charset=utf-8');
    try {
      const call = parseSoapCall(typeof req.body === 'string' ? req.body : '', req.get('SOAPAction') ?? undefined);
      const result = await o.service.call(call.method, call.params);
      res.status(200).send(soapResponse(call.method, result));
    } catch (e) {
      const f = e instanceof SoapFault ? e : new SoapFault('soap:Server', `Weft could not handle the call: ${(e as Error).message}`);
      res.status(500).send(soapFault(f));
    }
  });
  r.get('/:file', async (req, res) => {
    const caller = o.downloadAccess?.(req, res);
    const access = caller?.access ?? 'ok';
    if (access === 'signed-out') {
      res.status(401).type('text/plain').send('Sign in to Weft to download the Web Connector file.');
      return;
    }
    if (access === 'not-admin') {
      res.status(403).type('text/plain').send('Only an admin of this workspace can download the Web Connector file: it lets a QuickBooks computer reach this company file. Ask an admin to download it from Connections.');
      return;
    }
    const m = /^(.+)\.qwc$/.exec(String(req.params.file));
    const c = m ? await o.qwcConnection(decodeURIComponent(m[1]), caller?.workspaceId) : null;
    if (!c) {
      res.status(404).type('text/plain').send('There is no QuickBooks Desktop connection with this id. Open Connections in Weft and download the file from there.');
      return;
    }
    try {
      const body = qwcFile(c, originOf(req));
      res.setHeader('Content-Disposition', `attachment; filename="${qwcFileName(c.id)}"`);
      res.type('application/xml').send(body);
    } catch (e) {
      res.status(400).type('text/plain').send((e as Error).message);
    }
  });
  return r;
}

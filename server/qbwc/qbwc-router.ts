// HTTP face of the Web Connector service: POST /qbwc (SOAP 1.1), GET /qbwc?wsdl,
// GET /qbwc/<connection id>.qwc. Mounted by server/app.ts.
import express from 'express';
import { BodyTooLarge, bodyLimitsFromEnv, readSoapBody, type BodyLimits } from './qbwc-body';
import { parseSoapCall, SoapFault, soapFault, soapResponse } from './qbwc-envelope';
import { serviceOrigin } from './service-origin';
import type { QbwcService } from './qbwc-service';
import { qbwcWsdl } from './qbwc-wsdl';
import { publicUrl } from '../http/deployment';
import { qwcFile, qwcFileName, type QwcConnection } from './qwc-file';

export interface QbwcHttpOptions {
  service: QbwcService;
  /** The Desktop connection with this id in this workspace, for its .qwc (null = none). */
  qwcConnection(connectionId: string, workspaceId?: string): Promise<QwcConnection | null>;
  /** Whether the caller may download a .qwc (an admin), and the workspace they act in; absent = anyone (tests). */
  downloadAccess?: (
    req: express.Request,
    res: express.Response,
  ) => { access: 'ok' | 'signed-out' | 'not-admin'; workspaceId: string };
  /** The address Weft listens on (e.g. http://localhost:3000), for the WSDL when WEFT_PUBLIC_URL is not set. */
  listenUrl?: () => string | null;
  /** Request size limits; default 64 KB before sign-in, WEFT_QBWC_MAX_BODY_MB (32) in a session. */
  bodyLimits?: BodyLimits;
}

/** Weft's address as the Web Connector must reach it: WEFT_PUBLIC_URL when set, else the request's origin. */
export function originOf(req: express.Request): string {
  return publicUrl(`${req.protocol}://${req.get('host')}`);
}

export function qbwcRouter(o: QbwcHttpOptions): express.Router {
  const r = express.Router();
  r.get('/', (req, res) => {
    if (!('wsdl' in req.query) && !('WSDL' in req.query)) {
      res
        .status(200)
        .type('text/plain')
        .send(
          'QuickBooks Web Connector service of Weft. Add it to the Web Connector with the .qwc file from Connections.',
        );
      return;
    }
    // Never from the Host header (issue 18): a forged Host would be reflected as the service address.
    res.type('text/xml; charset=utf-8').send(qbwcWsdl(`${serviceOrigin(o.listenUrl?.() ?? null, req)}${req.baseUrl}`));
  });
  const limits = o.bodyLimits ?? bodyLimitsFromEnv();
  r.post('/', async (req, res) => {
    res.type('text/xml; charset=utf-8');
    let body: string;
    try {
      body = await readSoapBody(req, limits, (ticket) => o.service.hasOpenSession(ticket));
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) {
        req.destroy(); // the caller went away mid-body: nothing to answer
        return;
      }
      // Answered at once; the rest of the body is not read: the connection closes after the answer.
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.destroy());
      res.status(413).send(soapFault(new SoapFault('soap:Client', e.message)));
      return;
    }
    try {
      const call = await parseSoapCall(body, req.get('SOAPAction') ?? undefined);
      const result = await o.service.call(call.method, call.params, req.ip ?? req.socket.remoteAddress ?? 'unknown');
      res.status(200).send(soapResponse(call.method, result));
    } catch (e) {
      const f =
        e instanceof SoapFault
          ? e
          : new SoapFault('soap:Server', `Weft could not handle the call: ${(e as Error).message}`);
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
      res
        .status(403)
        .type('text/plain')
        .send(
          'Only an admin of this workspace can download the Web Connector file: it lets a QuickBooks ' +
            'computer reach this company file. Ask an admin to download it from Connections.',
        );
      return;
    }
    const m = /^(.+)\.qwc$/.exec(String(req.params.file));
    const c = m ? await o.qwcConnection(decodeURIComponent(m[1]), caller?.workspaceId) : null;
    if (!c) {
      res
        .status(404)
        .type('text/plain')
        .send(
          'There is no QuickBooks Desktop connection with this id. Open Connections in Weft and download the file from there.',
        );
      return;
    }
    try {
      const body = qwcFile(c, originOf(req));
      res.setHeader('Content-Disposition', `attachment; filename="${qwcFileName(c.id)}"`);
      res.type('application/xml').send(body);
    } catch (e) {
      res
        .status(400)
        .type('text/plain')
        .send((e as Error).message);
    }
  });
  return r;
}

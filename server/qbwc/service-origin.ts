// Where the Web Connector service says it is (the WSDL's soap:address). Never the
// request's Host header, which any caller chooses (issue 18): WEFT_PUBLIC_URL when set
// (the address people and Web Connectors reach Weft at, e.g. behind a TLS proxy), else
// the address Weft listens on, else the socket the request came in on.
import type { IncomingMessage } from 'node:http';

export function publicUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.WEFT_PUBLIC_URL?.trim();
  return url ? url.replace(/\/+$/, '') : null;
}

export function serviceOrigin(listenUrl: string | null, req: IncomingMessage): string {
  const { localAddress, localPort } = req.socket;
  const host = localAddress?.includes(':') ? `[${localAddress}]` : localAddress;
  return publicUrl() ?? listenUrl?.replace(/\/+$/, '') ?? `http://${host}:${localPort}`;
}

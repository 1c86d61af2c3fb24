// For tests over real HTTP: a browser in miniature that keeps its cookies and sends
// the CSRF header unless told not to. `from` makes it another computer: requests leave
// from that loopback address (127.0.0.0/8 is all loopback on Linux), so the server's
// per-address limits see two clients.
import { request } from 'node:http';

export class Browser {
  cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly from?: string,
  ) {}

  async get(path: string, input?: unknown): Promise<Response> {
    const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.remember(await this.send('GET', `/trpc/${path}${q}`, { cookie: this.cookieHeader() }));
  }

  async post(
    path: string,
    input: unknown,
    opts: { csrf?: string | null; origin?: string; contentType?: string } = {},
  ): Promise<Response> {
    const csrf = opts.csrf === undefined ? this.cookies.get('weft_csrf') : opts.csrf;
    const headers: Record<string, string> = {
      cookie: this.cookieHeader(),
      'content-type': opts.contentType ?? 'application/json',
    };
    if (csrf) headers['x-weft-csrf'] = csrf;
    if (opts.origin) headers.origin = opts.origin;
    return this.remember(await this.send('POST', `/trpc/${path}`, headers, JSON.stringify(input)));
  }

  /** A raw request with this browser's cookies (and CSRF header): for paths and bodies the helpers above do not make. */
  async raw(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Response> {
    const h = {
      cookie: this.cookieHeader(),
      'content-type': 'application/json',
      'x-weft-csrf': this.cookies.get('weft_csrf') ?? '',
      ...headers,
    };
    return this.remember(await this.send(method, path, h, body));
  }

  private send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Response> {
    const url = new URL(path, this.base);
    return new Promise((ok, fail) => {
      const req = request(
        {
          host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          headers,
          localAddress: this.from,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const h = new Headers();
            for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
            ok(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: h }));
          });
          res.on('error', fail);
        },
      );
      req.on('error', fail);
      req.end(body);
    });
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(r: Response): Response {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (v === '' || /Max-Age=0/.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return r;
  }
}

export const data = async (r: Response) =>
  (await r.json()) as { result?: { data: unknown }; error?: { message: string } };

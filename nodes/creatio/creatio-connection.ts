// Turns a resolved `creatio` connection into a client. The settings are the only
// place a node learns where and how to reach Creatio (nodes never read env).
import { z } from 'zod';
import type { NodeContext } from '../define-node';
import { CreatioClient } from './creatio-client';

/** Settings of a connection of kind `creatio`. */
export const creatioSettingsSchema = z
  .object({
    baseUrl: z.string().url(),
    authKind: z.enum(['forms', 'oauth']).default('forms'),
    username: z.string().optional(),
    password: z.string().optional(),
    clientId: z.string().optional(),
    clientSecret: z.string().optional(),
    tokenUrl: z.string().url().optional(),
    odataPath: z.enum(['/0/odata', '/odata']).default('/0/odata'),
  })
  .refine((s) => (s.authKind === 'forms' ? !!s.username : !!s.clientId && !!s.clientSecret), {
    message: 'A Creatio connection needs a user name and password (forms) or a client id and secret (OAuth).',
  })
  // On Creatio cloud the Identity Service is a host of its own (`https://{site}-is.creatio.com/connect/token`),
  // so its token URL cannot be derived from the site URL (reference A1, A2).
  .refine((s) => s.authKind !== 'oauth' || !!s.tokenUrl, {
    message: "OAuth needs the Identity Service's token URL (on Creatio cloud https://<site>-is.creatio.com/connect/token; on-site, the OAuth20IdentityServerUrl system setting + /connect/token).",
    path: ['tokenUrl'],
  });

export type CreatioSettings = z.infer<typeof creatioSettingsSchema>;

export async function creatioClientFor(ctx: NodeContext, connectionId: string): Promise<CreatioClient> {
  const conn = await ctx.connection(connectionId);
  const parsed = creatioSettingsSchema.safeParse(conn.settings);
  if (!parsed.success) {
    throw new Error(`Connection '${conn.name}' is not a usable Creatio connection: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return new CreatioClient({
    ...parsed.data,
    signal: ctx.signal,
    ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
    onRetry: ({ error, delayMs }) => ctx.setStatus(`waiting ${Math.ceil(delayMs / 1000)} s: ${error.kind === 'rate-limit' ? 'Creatio rate limit' : 'Creatio did not answer'}`),
  });
}

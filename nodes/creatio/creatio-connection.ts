// Turns a resolved `creatio` connection into a client. The settings are the only
// place a node learns where and how to reach Creatio (nodes never read env).
import type { z } from 'zod';
import type { NodeContext } from '../define-node';
import { CreatioClient } from './creatio-client';
import {
  CREATIO_SETTINGS_PROBLEM,
  CREATIO_TOKEN_URL_PROBLEM,
  creatioSecrets,
  creatioSettings,
  creatioSettingsProblem,
} from './creatio.connection';

/** Settings and secrets of a connection of kind `creatio`, as a run reads them (creatio.connection.ts declares them). */
export const creatioSettingsSchema = creatioSettings
  .extend(creatioSecrets.shape)
  .refine((s) => creatioSettingsProblem(s) !== CREATIO_SETTINGS_PROBLEM, { message: CREATIO_SETTINGS_PROBLEM })
  .refine((s) => creatioSettingsProblem(s) !== CREATIO_TOKEN_URL_PROBLEM, {
    message: CREATIO_TOKEN_URL_PROBLEM,
    path: ['tokenUrl'],
  });

export type CreatioSettings = z.infer<typeof creatioSettingsSchema>;

export async function creatioClientFor(ctx: NodeContext, connectionId: string): Promise<CreatioClient> {
  const conn = await ctx.connection(connectionId);
  const parsed = creatioSettingsSchema.safeParse(conn.settings);
  if (!parsed.success) {
    throw new Error(
      `Connection '${conn.name}' is not a usable Creatio connection: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return new CreatioClient({
    ...parsed.data,
    signal: ctx.signal,
    ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
    onRetry: ({ error, delayMs }) =>
      ctx.setStatus(
        `waiting ${Math.ceil(delayMs / 1000)} s: ${error.kind === 'rate-limit' ? 'Creatio rate limit' : 'Creatio did not answer'}`,
      ),
  });
}

// A Creatio site's `$metadata` for the mapping editor, kept a minute per connection: the
// editor asks for fields and checks on every edit, and the document is large (A1).
import { creatioSettingsSchema } from '../../nodes/creatio/creatio-connection';
import { CreatioClient } from '../../nodes/creatio/creatio-client';
import type { CreatioEntity } from '../../nodes/creatio/creatio-metadata';
import type { ConnectionInfo } from '../../nodes/define-node';

const TTL_MS = 60_000;
const MAX = 20;
const cache = new Map<string, { at: number; entities: Promise<CreatioEntity[]> }>();

export async function creatioMetadata(conn: ConnectionInfo): Promise<CreatioEntity[]> {
  const settings = creatioSettingsSchema.safeParse(conn.settings);
  if (!settings.success)
    throw new Error(
      `Connection "${conn.name}" is not a usable Creatio connection: ${settings.error.issues.map((i) => i.message).join('; ')}`,
    );
  // Keyed by the settings too: an edited connection (another site) is read again at once.
  const key = `${conn.id}|${settings.data.baseUrl}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.entities;
  if (cache.size >= MAX) cache.delete(cache.keys().next().value!);
  const entities = new CreatioClient({ ...settings.data, retry: { attempts: 2 } }).metadata();
  cache.set(key, { at: Date.now(), entities });
  entities.catch(() => cache.delete(key)); // a failure is not remembered
  return entities;
}

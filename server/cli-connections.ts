// `weft connections add | test | list` (issue 13), for scripted set-ups and benches.
// Like `weft run`, it goes through a Weft running on the data folder (HTTP, machine
// token) or opens the stores itself when none is. Secrets come as one JSON object
// on stdin (`--secrets-stdin`), never in argv, where `ps` and shell history see them.
import type { Weft } from './boot';
import type { ConnectionApi } from './cli-api';

const USAGE = `weft connections add <kind> --name N [--workspace W] [--set key=value …] [--secrets-stdin]
weft connections test <name or id> [--workspace W] [--json]
weft connections list [--workspace W] [--json]`;

/** The values after each `--name`; `--name=value` too. */
export function optionValues(args: string[], name: string): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a === name && i + 1 < args.length) out.push(args[i + 1]);
    else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
  });
  return out;
}

/** Words that are not options nor an option's value. */
export function positionals(args: string[], withValues: string[]): string[] {
  return args.filter((a, i) => !a.startsWith('--') && !(i > 0 && withValues.includes(args[i - 1])));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function secretsFromStdin(): Promise<Record<string, unknown>> {
  const text = (await readStdin()).trim();
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('the secrets on stdin are not JSON: give one object, e.g. {"password":"…"}');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error('the secrets on stdin must be one JSON object, e.g. {"password":"…"}');
  return value as Record<string, unknown>;
}

function settingsOf(args: string[]): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of optionValues(args, '--set')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--set needs key=value, not "${pair}"`);
    settings[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return settings;
}

/** The workspace's connection named (or with the id) `ref`, or a plain error listing what there is. */
export async function findConnection(
  api: ConnectionApi,
  ref: string,
): Promise<{ id: string; kind: string; name: string }> {
  const list = await api.list();
  const hit = list.find((c) => c.id === ref) ?? list.filter((c) => c.name === ref)[0];
  if (!hit)
    throw new Error(
      `there is no connection "${ref}" in this workspace. Connections: ${list.map((c) => `"${c.name}" (${c.kind})`).join(', ') || 'none'}`,
    );
  if (list.filter((c) => c.name === ref).length > 1 && hit.id !== ref)
    throw new Error(`several connections are named "${ref}": use the id (weft connections list)`);
  return hit;
}

export async function connections(
  args: string[],
  open: (workspace: string | undefined) => Promise<{ api: ConnectionApi; weft: Weft | null }>,
): Promise<void> {
  const [verb, ...rest] = args;
  const json = rest.includes('--json');
  const workspace = optionValues(rest, '--workspace')[0];
  const words = positionals(rest, ['--name', '--workspace', '--set']);
  if (!['add', 'test', 'list'].includes(verb ?? '')) throw new Error(`say what to do with connections:\n${USAGE}`);
  // Read stdin before anything prints, so a pipe that closes early loses nothing.
  const secrets = verb === 'add' && rest.includes('--secrets-stdin') ? await secretsFromStdin() : {};
  const { api, weft } = await open(workspace);
  try {
    if (verb === 'list') {
      const list = await api.list();
      if (json)
        console.log(
          JSON.stringify(
            list.map(({ id, kind, name, details, secretsSet, warning }) => ({
              id,
              kind,
              name,
              settings: details,
              secretsSet,
              warning,
            })),
          ),
        );
      else for (const c of list) console.log(`${c.name.padEnd(32)} ${c.kind.padEnd(20)} ${c.id}`);
    } else if (verb === 'add') {
      const kind = words[0];
      const name = optionValues(rest, '--name')[0];
      if (!kind || !name) throw new Error(`say which kind and name:\n${USAGE}`);
      const saved = await api.create({ kind, name, settings: settingsOf(rest), secrets });
      if (json) console.log(JSON.stringify(saved));
      else {
        console.log(`Added the ${kind} connection "${name}" (id ${saved.id}).`);
        // Shown once: Weft keeps it sealed and never prints it again.
        for (const [k, v] of Object.entries(saved.generated)) console.log(`  ${k} made by Weft (shown only now): ${v}`);
      }
    } else {
      const ref = words[0];
      if (!ref) throw new Error(`say which connection to test:\n${USAGE}`);
      const c = await findConnection(api, ref);
      const r = await api.test(c.id);
      console.log(json ? JSON.stringify(r) : `${r.ok ? 'OK' : 'Not OK'}: ${r.message}`);
      process.exitCode = r.ok ? 0 : 1;
    }
  } finally {
    await weft?.close();
  }
}

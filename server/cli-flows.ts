// `weft flows export | import` (issue 14): a flow as a file, for review, version
// control or another Weft. Through a Weft running on the data folder (HTTP, machine
// token) or the stores opened here, like `weft connections`.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Weft } from './boot';
import type { FlowFileApi } from './cli-api';
import { optionValues, positionals } from './cli-connections';

const USAGE = `weft flows export <flow id> [--version N] [--workspace W]
weft flows import <file> [--workspace W] [--json]`;

export async function flowsCommand(
  args: string[],
  open: (workspace: string | undefined) => Promise<{ api: FlowFileApi; weft: Weft | null }>,
): Promise<void> {
  const [action, ...rest] = args;
  const [target] = positionals(rest, ['--workspace', '--version']);
  if ((action !== 'export' && action !== 'import') || !target) throw new Error(`say what to do:\n${USAGE}`);
  const version = optionValues(rest, '--version')[0];
  if (version !== undefined && !/^[1-9]\d*$/.test(version))
    throw new Error(`--version takes a published version number (1, 2, …), not "${version}"`);
  // Read before a Weft is opened: a wrong path is said at once.
  if (action === 'import' && !existsSync(resolve(target))) throw new Error(`there is no file ${resolve(target)}`);
  const text = action === 'import' ? readFileSync(resolve(target), 'utf8') : '';
  const { api, weft } = await open(optionValues(rest, '--workspace')[0]);
  try {
    if (action === 'export') {
      process.stdout.write((await api.exportFile(target, version ? Number(version) : undefined)).text);
      return;
    }
    const json = rest.includes('--json');
    const r = await api.importFile(text);
    if (r.id === null) {
      // Nothing was saved; each problem names its node and field.
      console.error(`weft flows import: ${target} was not imported (${r.problems.length} problem(s)); nothing saved:`);
      for (const p of r.problems) console.error(`  - ${p.message}`);
      if (json) console.log(JSON.stringify({ id: null, problems: r.problems }));
      process.exitCode = 1;
      return;
    }
    console.log(json ? JSON.stringify({ id: r.id }) : `Imported as the flow "${r.id}". Open it in the designer.`);
  } finally {
    await weft?.close();
  }
}

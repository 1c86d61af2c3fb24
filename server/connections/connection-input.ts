// A connection's name, settings and secrets as typed (form or `--set key=value`),
// checked by its kind's zod schemas, with problems in words naming the field.
// Empty strings mean "not set" (a cleared form field); secrets not given keep the
// stored ones, so an edit never needs the password typed again.
import type { z } from 'zod';
import type { AnyConnectionDefinition } from '../../nodes/define-connection';

export interface ConnectionInput {
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, unknown>;
}

export type ReadInput =
  { name: string; settings: Record<string, unknown>; secrets: Record<string, unknown> } | { problem: string };

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

function problems(def: AnyConnectionDefinition, name: string, error: z.ZodError): string {
  const words = error.issues.map((i) => {
    const key = String(i.path[0] ?? '');
    const label = def.fields?.[key]?.label ?? key;
    const what = i.code === 'invalid_type' && i.input === undefined ? 'is required' : i.message;
    return label ? `${label} (${key}): ${what}` : what;
  });
  return `The ${def.label} connection "${name}" cannot be saved: ${words.join('; ')}.`;
}

export function readConnectionInput(
  def: AnyConnectionDefinition,
  input: Omit<ConnectionInput, 'kind'>,
  stored: Record<string, unknown>,
): ReadInput {
  const name = (input.name ?? '').trim();
  if (!name || name.length > 120) return { problem: 'Give the connection a name (1 to 120 characters).' };
  const settingKeys = Object.keys(def.settings.shape);
  const secretKeys = Object.keys(def.secrets.shape);
  const settings: Record<string, unknown> = {};
  for (const [raw, value] of Object.entries(input.settings ?? {})) {
    const key = def.aliases?.[raw] ?? raw;
    if (secretKeys.includes(key))
      return {
        problem: `"${key}" is a secret of ${def.label}: give it with the secrets (on stdin for the command line), never as a setting.`,
      };
    if (!settingKeys.includes(key))
      return { problem: `${def.label} has no setting "${raw}". Its settings: ${settingKeys.join(', ')}.` };
    if (given(value)) settings[key] = value;
  }
  const secrets: Record<string, unknown> = {};
  for (const key of [...secretKeys, ...(def.state ?? [])]) if (given(stored[key])) secrets[key] = stored[key];
  for (const [key, value] of Object.entries(input.secrets ?? {})) {
    if (!secretKeys.includes(key))
      return { problem: `${def.label} has no secret "${key}". Its secrets: ${secretKeys.join(', ')}.` };
    if (given(value)) secrets[key] = value;
  }
  const s = def.settings.safeParse(settings);
  if (!s.success) return { problem: problems(def, name, s.error) };
  // Generated secrets are made after this check: here they may still be missing.
  const generated = new Set(def.generatedSecrets ?? []);
  const x = def.secrets.safeParse(secrets);
  if (!x.success && x.error.issues.some((i) => !generated.has(String(i.path[0])) || given(secrets[String(i.path[0])])))
    return { problem: problems(def, name, x.error) };
  const parsedSecrets = x.success ? (x.data as Record<string, unknown>) : secrets;
  const problem = def.check?.({ ...(s.data as Record<string, unknown>), ...parsedSecrets } as never);
  if (problem) return { problem: `The ${def.label} connection "${name}" cannot be saved: ${problem}` };
  return { name, settings: s.data as Record<string, unknown>, secrets: parsedSecrets };
}

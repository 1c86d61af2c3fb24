// Dotted field paths (`UsrActive.Name`, `PrimaryPhone.FreeFormNumber`) read and
// written on plain JSON records. Shared by the filter and mapping nodes.

export function readPath(data: Record<string, unknown>, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function writePath(data: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = data;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === null || typeof next !== 'object') cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

/** Text as a person would read it: null/undefined and Creatio's zero GUID are empty. */
export function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v === '00000000-0000-0000-0000-000000000000') return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** How a record is named in messages: `Opportunity "Acme — renewal"`, `Invoice "1041"` (its number), or its key when it has no name. */
export function recordLabel(r: { key: string; data: Record<string, unknown>; meta: { source: { entity: string } } }): string {
  const name = asText(r.data.Name ?? r.data.Title ?? r.data.DisplayName ?? r.data.RefNumber ?? r.data.DocNumber);
  return `${r.meta.source.entity} "${name || r.key}"`;
}

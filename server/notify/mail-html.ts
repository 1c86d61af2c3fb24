// The frame every Weft mail shares: plain HTML that mail clients render (inline
// styles, tables, no scripts or remote images), with a plain-text twin.
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function mailFrame(title: string, bodyHtml: string, footer: string): string {
  return [
    '<!doctype html><html><body style="font-family:Segoe UI,Arial,sans-serif;color:#1f2933;font-size:14px;line-height:1.45">',
    `<h2 style="font-size:18px;margin:0 0 12px">${esc(title)}</h2>`,
    bodyHtml,
    `<p style="color:#616e7c;font-size:12px;margin-top:24px">${esc(footer)}</p>`,
    '</body></html>',
  ].join('\n');
}

/** A table with a header row; every cell is escaped. */
export function table(head: string[], rows: (string | number)[][]): string {
  const th = head
    .map((h) => `<th style="text-align:left;padding:4px 10px;border-bottom:1px solid #cbd2d9">${esc(h)}</th>`)
    .join('');
  const tr = rows
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td style="padding:4px 10px;border-bottom:1px solid #e4e7eb;vertical-align:top">${esc(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table style="border-collapse:collapse;margin:8px 0 16px">\n<tr>${th}</tr>\n${tr}\n</table>`;
}

export function textTable(head: string[], rows: (string | number)[][]): string {
  return [head.join(' | '), ...rows.map((r) => r.join(' | '))].join('\n');
}

/** Where the mail's links point: the address users reach Weft at. */
export function weftLink(baseUrl: string | null, hash: string): string | null {
  return baseUrl ? `${baseUrl.replace(/\/$/, '')}/${hash}` : null;
}

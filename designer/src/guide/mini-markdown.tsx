// The little markdown the operator guides use, drawn as React elements (never as HTML text):
// `#`/`##` headings, paragraphs, `-` and `1.` lists, **bold**, `code` and [links](#/…).
// Enough for guides written in the repo; no markdown library for four pages (issue 16).
import type { ReactNode } from 'react';

type Block = { kind: 'h1' | 'h2' | 'p'; text: string } | { kind: 'ul' | 'ol'; items: string[] };

export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'p', text: para.join(' ') });
    para = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const list = /^(-|\d+\.)\s+(.*)$/.exec(line);
    const heading = /^(#{1,2})\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({ kind: heading[1].length === 1 ? 'h1' : 'h2', text: heading[2] });
    } else if (list) {
      flush();
      const kind = list[1] === '-' ? 'ul' : 'ol';
      const last = blocks[blocks.length - 1];
      if (last && last.kind === kind) last.items.push(list[2]);
      else blocks.push({ kind, items: [list[2]] });
    } else para.push(line);
  }
  flush();
  return blocks;
}

const INLINE = /\*\*([^*]+)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    const k = out.length;
    if (m[1]) out.push(<strong key={k}>{m[1]}</strong>);
    else if (m[2]) out.push(<code key={k}>{m[2]}</code>);
    // Only links inside Weft (#/…) or to https pages: a guide never carries a script link.
    else if (/^(#\/|https:\/\/)/.test(m[4]))
      out.push(
        <a key={k} href={m[4]}>
          {m[3]}
        </a>,
      );
    else out.push(m[3]);
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function MiniMarkdown({ text }: { text: string }) {
  return (
    <>
      {parseBlocks(text).map((b, i) =>
        b.kind === 'h1' ? (
          <h1 key={i}>{inline(b.text)}</h1>
        ) : b.kind === 'h2' ? (
          <h2 key={i}>{inline(b.text)}</h2>
        ) : b.kind === 'p' ? (
          <p key={i}>{inline(b.text)}</p>
        ) : b.kind === 'ul' ? (
          <ul key={i}>
            {b.items.map((t, j) => (
              <li key={j}>{inline(t)}</li>
            ))}
          </ul>
        ) : b.kind === 'ol' ? (
          <ol key={i}>
            {b.items.map((t, j) => (
              <li key={j}>{inline(t)}</li>
            ))}
          </ol>
        ) : null,
      )}
    </>
  );
}

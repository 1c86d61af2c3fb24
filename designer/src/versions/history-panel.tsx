// A flow's history (issue 14): its published versions (who, when, note), a visual
// diff between any two of them or a version and the draft — on the canvas and as a
// list — roll back to a version (a new draft; the versions stay), and each version
// as a file.
import { useEffect, useMemo, useState } from 'react';
import { diffFlows, type DiffWords } from '../../../flow/flow-diff';
import type { FlowDocument } from '../../../flow/flow-document';
import { api } from '../api/trpc-client';
import { saveText } from '../connections/connection-kinds';
import { plainError } from '../lib/plain-error';
import { formatTime } from '../lib/run-status';
import { upgradeNodes } from '../lib/upgrade-nodes';
import { registry } from '../registry';
import { useAsync } from '../ui/use-async';
import { DiffCanvas } from './diff-canvas';
import './versions.css';

/** What a side of the comparison shows: the editor's draft, the draft as saved on the server, or a version. */
export type Side = 'draft' | 'saved' | number;

const words: DiffWords = {
  typeTitle: (t) => registry.get(t)?.title,
  fieldLabel: (t, k) => (registry.get(t)?.ui.fields as Record<string, { label?: string }> | undefined)?.[k]?.label,
};

interface Props {
  flowId: string;
  flowName: string;
  /** The editor's draft, saved or not. */
  draft: FlowDocument;
  dirty: boolean;
  /** The comparison to open with (a stale save opens "saved by them" → "yours"). */
  initial?: { from: Side; to: Side };
  onRolledBack: (doc: FlowDocument, revision: number, version: number) => void;
  /** The saved draft as a flow file. */
  onDownload: () => void;
  onClose: () => void;
}

function sideLabel(s: Side, dirty: boolean): string {
  if (s === 'draft') return dirty ? 'Your draft (unsaved changes)' : 'Draft';
  if (s === 'saved') return 'Draft as saved now (by someone else)';
  return `Version ${s}`;
}

export function HistoryPanel(p: Props) {
  const versions = useAsync(() => api.flows.versions.list.query({ id: p.flowId }), p.flowId, 'load the versions');
  const list = versions.data ?? [];
  const [from, setFrom] = useState<Side | null>(p.initial?.from ?? null);
  const [to, setTo] = useState<Side>(p.initial?.to ?? 'draft');
  const [confirm, setConfirm] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Until chosen: the latest version against the draft (or the two latest versions when there is no other).
  const fromSide: Side | null = from ?? list[0]?.version ?? null;

  const docs = useSideDocs(p.flowId, p.draft, [fromSide, to]);
  const before = fromSide === null ? null : docs.get(String(fromSide));
  const after = docs.get(String(to));
  const diff = useMemo(() => (before && after ? diffFlows(before, after, words) : null), [before, after]);

  const sides: Side[] = [
    'draft',
    ...(p.initial?.from === 'saved' || p.initial?.to === 'saved' ? (['saved'] as Side[]) : []),
    ...list.map((v) => v.version),
  ];
  const rollBack = async (version: number) => {
    setBusy(true);
    try {
      const doc = await api.flows.versions.get.query({ id: p.flowId, version });
      const r = await api.flows.versions.rollback.mutate({ id: p.flowId, version });
      setConfirm(null);
      p.onRolledBack(doc, r.revision, version);
    } catch (e) {
      setError(plainError(e, `roll back to version ${version}`));
    } finally {
      setBusy(false);
    }
  };
  const download = async (version: number) => {
    try {
      const f = await api.flows.versions.exportFile.query({ id: p.flowId, version });
      saveText(f.filename, f.text, 'application/json');
    } catch (e) {
      setError(plainError(e, `download version ${version}`));
    }
  };

  return (
    <section className="history" role="dialog" aria-labelledby="history-title" data-testid="history">
      <header className="history-head">
        <h2 id="history-title">Versions of {p.flowName}</h2>
        <span className="history-head-actions">
          <button
            type="button"
            className="button"
            onClick={p.onDownload}
            data-testid="download"
            title="Download the saved draft as a flow file, to keep or import into another Weft"
          >
            Download the draft
          </button>
          <button type="button" className="button" onClick={p.onClose} data-testid="history-close">
            Back to the editor
          </button>
        </span>
      </header>
      <div className="history-body">
        <aside className="history-versions" aria-label="Published versions">
          <h3>Published versions</h3>
          {versions.error && <p className="error-text">{versions.error}</p>}
          {!versions.loading && list.length === 0 && (
            <p className="muted">Nothing published yet. Publish the draft to start its history.</p>
          )}
          <ol className="version-list">
            {list.map((v) => (
              <li key={v.version} className="version-item" data-testid={`version-${v.version}`}>
                <div className="version-line">
                  <strong>Version {v.version}</strong>
                  <span className="muted small">{formatTime(v.publishedAt)}</span>
                </div>
                <div className="small">
                  {v.publishedBy ? `Published by ${v.publishedBy}` : 'Publisher not recorded'}
                </div>
                <p className="version-note">{v.notes || <span className="muted">No release notes.</span>}</p>
                <div className="version-actions">
                  <button type="button" className="button small" onClick={() => (setFrom(v.version), setTo('draft'))}>
                    Compare with draft
                  </button>
                  <button
                    type="button"
                    className="button small"
                    onClick={() => setConfirm(v.version)}
                    data-testid={`rollback-${v.version}`}
                  >
                    Roll back…
                  </button>
                  <button type="button" className="button small" onClick={() => void download(v.version)}>
                    Download
                  </button>
                </div>
                {confirm === v.version && (
                  <div className="rollback-confirm" role="alertdialog" aria-label={`Roll back to version ${v.version}`}>
                    <p>
                      The draft becomes a copy of version {v.version}
                      {p.dirty ? ', and your unsaved changes are dropped' : ''}. Published versions stay as they are;
                      publish again to run it on the schedule.
                    </p>
                    <button
                      type="button"
                      className="button primary"
                      disabled={busy}
                      onClick={() => void rollBack(v.version)}
                      data-testid="rollback-confirm"
                    >
                      Roll back to version {v.version}
                    </button>{' '}
                    <button type="button" className="button" onClick={() => setConfirm(null)}>
                      Cancel
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ol>
        </aside>
        <main className="history-compare" aria-label="Differences">
          <div className="compare-pickers">
            <label>
              Compare{' '}
              <select
                value={fromSide === null ? '' : String(fromSide)}
                onChange={(e) => setFrom(parseSide(e.target.value))}
                data-testid="compare-from"
              >
                {fromSide === null && <option value="">—</option>}
                {sides.map((s) => (
                  <option key={String(s)} value={String(s)}>
                    {sideLabel(s, p.dirty)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              with{' '}
              <select value={String(to)} onChange={(e) => setTo(parseSide(e.target.value))} data-testid="compare-to">
                {sides.map((s) => (
                  <option key={String(s)} value={String(s)}>
                    {sideLabel(s, p.dirty)}
                  </option>
                ))}
              </select>
            </label>
            <span className="legend small">
              <span className="key key-added">added</span> <span className="key key-changed">changed</span>{' '}
              <span className="key key-moved">moved</span> <span className="key key-removed">removed</span>
            </span>
          </div>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          {docs.error && <p className="error-text">{docs.error}</p>}
          {before && after && diff ? (
            <div className="compare-body">
              <DiffCanvas before={before} after={after} diff={diff} />
              <ChangeList diff={diff} />
            </div>
          ) : (
            <p className="muted compare-empty">
              {fromSide === null ? 'Publish a version to compare the draft with it.' : 'Loading the versions…'}
            </p>
          )}
        </main>
      </div>
    </section>
  );
}

function parseSide(v: string): Side {
  return v === 'draft' || v === 'saved' ? v : Number(v);
}

function ChangeList({ diff }: { diff: ReturnType<typeof diffFlows> }) {
  return (
    <section className="change-list" aria-label="Changes" data-testid="change-list">
      <h3>
        {diff.changes.length === 0
          ? 'No differences'
          : `${diff.changes.length} difference${diff.changes.length === 1 ? '' : 's'}`}
      </h3>
      <ul>
        {diff.changes.map((c, i) => (
          <li key={i} className={`change change-${c.kind}`} data-testid="change">
            {c.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The documents of the sides compared, fetched once each (versions never change). */
function useSideDocs(flowId: string, draft: FlowDocument, sides: (Side | null)[]) {
  const [fetched, setFetched] = useState(new Map<string, FlowDocument>());
  const [error, setError] = useState<string | null>(null);
  const wanted = sides.filter((s): s is number | 'saved' => s !== null && s !== 'draft');
  const key = wanted.map(String).join(',');
  useEffect(() => {
    for (const s of wanted) {
      if (fetched.has(String(s))) continue;
      const load =
        s === 'saved'
          ? api.flows.get.query({ id: flowId }).then((f) => f.draft)
          : api.flows.versions.get.query({ id: flowId, version: s });
      load.then(
        // Compared as the editor shows them: a version stored with a version 1 mapping differs from the draft
        // only where the analyst changed something, not by the upgrade the editor made on opening.
        (doc) => setFetched((m) => new Map(m).set(String(s), upgradeNodes(doc, registry))),
        (e: unknown) => setError(plainError(e, 'load a version')),
      );
    }
  }, [flowId, key]);
  const all = new Map(fetched);
  all.set('draft', draft);
  return { get: (k: string) => all.get(k), error };
}

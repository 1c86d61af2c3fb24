// A run's structured log (issue 16): searchable, filtered by node and level, paged
// by the server ("Show more" continues after the last line shown).
import { useEffect, useState } from 'react';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import type { LogLine } from './history-types';

type Level = 'info' | 'warn' | 'error';
const PAGE = 200;

export function RunLogPanel({ runId, nodeIds }: { runId: string; nodeIds: string[] }) {
  const [nodeId, setNodeId] = useState('');
  const [level, setLevel] = useState<Level>('info');
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  const [lines, setLines] = useState<LogLine[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const t = setTimeout(() => setSearch(typed), 300);
    return () => clearTimeout(t);
  }, [typed]);

  const filters = { runId, nodeId: nodeId || null, level, search, limit: PAGE };
  useEffect(() => {
    let live = true;
    setLoading(true);
    api.history.log.query({ runId, nodeId: nodeId || null, level, search, limit: PAGE }).then(
      (r) => live && (setLines(r.lines), setNext(r.next), setError(null), setLoading(false)),
      (e: unknown) => live && (setError(plainError(e, 'load the run log')), setLoading(false)),
    );
    return () => {
      live = false;
    };
  }, [runId, nodeId, level, search]);

  async function more() {
    if (next === null) return;
    const r = await api.history.log.query({ ...filters, afterSeq: next });
    setLines((l) => [...l, ...r.lines]);
    setNext(r.next);
  }

  return (
    <section className="run-log" aria-label="Run log" data-testid="run-log">
      <div className="run-log-filters">
        <h3>Log</h3>
        <label>
          Node{' '}
          <select value={nodeId} onChange={(e) => setNodeId(e.target.value)} data-testid="log-node">
            <option value="">All nodes</option>
            {nodeIds.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Level{' '}
          <select value={level} onChange={(e) => setLevel(e.target.value as Level)} data-testid="log-level">
            <option value="info">Everything</option>
            <option value="warn">Warnings and errors</option>
            <option value="error">Errors only</option>
          </select>
        </label>
        <input
          type="search"
          placeholder="Search the log…"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-label="Search the log"
          data-testid="log-search"
        />
      </div>
      {error && <p className="error-text">{error}</p>}
      {!error && !loading && lines.length === 0 && (
        <p className="muted" data-testid="log-empty">
          No log lines match. Runs before this version of Weft kept no log.
        </p>
      )}
      <ol className="run-log-lines">
        {lines.map((l) => (
          <li key={l.seq} className={`log-${l.level}`} data-testid="log-line" data-node={l.nodeId ?? ''}>
            <span className="log-time">{new Date(l.at).toLocaleTimeString()}</span>
            <span className={`log-level log-level-${l.level}`}>{l.level}</span>
            <span className="log-node">{l.nodeId ?? 'run'}</span>
            <span className="log-message">{l.message}</span>
          </li>
        ))}
      </ol>
      {next !== null && (
        <button type="button" className="button small" onClick={() => void more()} data-testid="log-more">
          Show more
        </button>
      )}
    </section>
  );
}

// The workspace's audit log (admins): who changed, published, started, stopped,
// retried, edited what, when — newest first, and as a CSV or JSON download.
import { PageHeader } from '../ui/page-header';
import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import type { AppRouter } from '../api/app-router';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { formatTime } from '../lib/run-status';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/use-async';
import './account.css';

type Entry = inferRouterOutputs<AppRouter>['audit']['list'][number];
const PAGE = 200;

export function AuditPage() {
  const toast = useToast();
  const [older, setOlder] = useState<Entry[]>([]);
  const first = useAsync(() => api.audit.list.query({ limit: PAGE }), 'audit', 'load the audit log');
  const entries = [...(first.data ?? []), ...older];

  async function more() {
    try {
      setOlder([...older, ...(await api.audit.list.query({ limit: PAGE, beforeId: entries[entries.length - 1].id }))]);
    } catch (e) {
      toast(plainError(e, 'load older entries'), 'error');
    }
  }

  async function download(format: 'csv' | 'json') {
    try {
      const file = await api.audit.export.query({ format });
      const href = URL.createObjectURL(new Blob([file.body], { type: file.contentType }));
      const a = Object.assign(document.createElement('a'), { href, download: file.filename });
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (e) {
      toast(plainError(e, 'export the audit log'), 'error');
    }
  }

  return (
    <div className="home">
      <PageHeader tag="Audit log" />
      <main className="audit-main">
        <div className="section-head">
          <h1>Audit log</h1>
          <div className="row">
            <button type="button" className="button" onClick={first.reload}>
              Refresh
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void download('csv')}
              data-testid="audit-export-csv"
            >
              Export CSV
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void download('json')}
              data-testid="audit-export-json"
            >
              Export JSON
            </button>
          </div>
        </div>
        {first.error && (
          <p className="error-text" role="alert">
            {first.error}
          </p>
        )}
        {first.loading && !first.data && <p className="muted">Loading…</p>}
        <table className="table audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>On</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-entry">
                <td>{formatTime(e.at)}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.subject}</td>
                <td>{e.detail && Object.keys(e.detail).length > 0 ? <code>{JSON.stringify(e.detail)}</code> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {first.data?.length === PAGE && (
          <button type="button" className="button" onClick={() => void more()}>
            Older entries
          </button>
        )}
      </main>
    </div>
  );
}

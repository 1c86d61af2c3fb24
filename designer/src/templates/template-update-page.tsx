// #/flows/<id>/update (issue 15): a template's newer version taken into a flow made
// from an older one. The server merges three ways (the version the flow came from,
// the new version, the flow's draft): what applies by itself is listed; each
// conflict shows the flow's value beside the template's, and the analyst picks.
// Applying saves a draft, published as usual; nothing is published here.
import { useState } from 'react';
import { api } from '../api/trpc-client';
import { routeHref } from '../lib/hash-route';
import { plainError } from '../lib/plain-error';
import { PageHeader } from '../ui/page-header';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/use-async';
import './templates.css';

type Side = 'ours' | 'theirs';

function shown(v: unknown): string {
  if (v === undefined) return '(removed)';
  return typeof v === 'string' ? v : JSON.stringify(v, null, 1);
}

export function TemplateUpdatePage({ flowId }: { flowId: string }) {
  const toast = useToast();
  const flow = useAsync(() => api.flows.get.query({ id: flowId }), flowId, 'open the flow');
  const update = useAsync(() => api.templates.update.query({ flowId }), flowId, 'prepare the template update');
  const [picks, setPicks] = useState<Record<string, Side>>({});
  const [busy, setBusy] = useState(false);
  const u = update.data;
  const undecided = u ? u.conflicts.filter((c) => !picks[c.id]).length : 0;

  async function apply() {
    setBusy(true);
    try {
      const r = await api.templates.applyUpdate.mutate({ flowId, picks });
      toast(`Version ${r.version} of the template is in your draft. Check it, then publish as usual.`, 'success');
      window.location.hash = routeHref({ page: 'flow', flowId });
    } catch (e) {
      toast(plainError(e, 'take the template update'), 'error');
      setBusy(false);
    }
  }

  return (
    <div className="home">
      <PageHeader tag="Template update" />
      <main className="home-main template-update" data-testid="template-update">
        <h1>Update “{flow.data?.name ?? flowId}”</h1>
        {update.error && (
          <p role="alert" className="error-text">
            {update.error}
          </p>
        )}
        {!u && !update.error && <p className="muted">Comparing your flow with the template…</p>}
        {u && (
          <>
            <div className="update-intro">
              <p>
                From version {u.from} to version {u.to} of the template “{u.title}”.
                {u.releaseNote && <span data-testid="update-note"> What changed: {u.releaseNote}</span>}
              </p>
              <p className="muted">
                Your changes are kept. The result is saved as your draft; the schedule keeps running the published
                version until you publish.
              </p>
            </div>
            <section aria-labelledby="applied-heading">
              <h2 id="applied-heading">Applies by itself ({u.applied.length})</h2>
              {u.applied.length === 0 ? (
                <p className="muted">Nothing: every change in the template touches something you changed too.</p>
              ) : (
                <ul className="applied-list" data-testid="applied-changes">
                  {u.applied.map((a, i) => (
                    <li key={i}>
                      <span className={`pill change-${a.kind}`}>{a.kind}</span> {a.where}
                      {a.kind === 'changed' && (
                        <span className="muted">
                          {' '}
                          ({shown(a.was)} → {shown(a.now)})
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="conflicts-heading">
              <h2 id="conflicts-heading">Your decision ({u.conflicts.length})</h2>
              {u.conflicts.length === 0 && <p className="muted">No conflicts.</p>}
              {u.conflicts.map((c, i) => (
                <fieldset key={c.id} className="conflict" data-testid={`conflict-${i}`}>
                  <legend>{c.where}</legend>
                  <p className="small muted">
                    Version {u.from} had: {shown(c.base)}
                  </p>
                  <div className="conflict-sides">
                    {(['ours', 'theirs'] as const).map((side) => (
                      <label key={side} className={`conflict-side ${picks[c.id] === side ? 'picked' : ''}`}>
                        <input
                          type="radio"
                          name={`conflict-${i}`}
                          checked={picks[c.id] === side}
                          onChange={() => setPicks((p) => ({ ...p, [c.id]: side }))}
                          data-testid={`conflict-${i}-${side}`}
                        />
                        <span className="conflict-title">
                          {side === 'ours' ? 'Keep yours' : `Take version ${u.to}`}
                        </span>
                        <code>{shown(side === 'ours' ? c.ours : c.theirs)}</code>
                      </label>
                    ))}
                  </div>
                </fieldset>
              ))}
            </section>
            <div className="update-actions">
              <a className="button" href={routeHref({ page: 'flow', flowId })}>
                Cancel
              </a>
              <button
                type="button"
                className="button primary"
                disabled={busy || undecided > 0}
                onClick={apply}
                data-testid="apply-update"
              >
                {busy ? 'Updating…' : 'Update the draft'}
              </button>
              {undecided > 0 && (
                <span className="small muted">
                  Decide {undecided} more {undecided === 1 ? 'conflict' : 'conflicts'} first.
                </span>
              )}
            </div>
          </>
        )}
      </main>
    </div>
  );
}

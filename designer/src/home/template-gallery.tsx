import { useState } from 'react';
import type { TemplateInfo } from '../api/api-types';
import { api } from '../api/trpc-client';
import { routeHref } from '../lib/hash-route';
import { plainError } from '../lib/plain-error';
import { useToast } from '../ui/toast';
import type { AsyncState } from '../ui/use-async';

export function TemplateGallery({ state }: { state: AsyncState<TemplateInfo[]> }) {
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  if (state.error)
    return (
      <p role="alert" className="error-text">
        {state.error}
      </p>
    );
  if (state.loading && !state.data) return <p className="muted">Loading templates…</p>;
  const templates = state.data ?? [];
  if (templates.length === 0) return <p className="muted">No templates are installed.</p>;

  async function use(t: TemplateInfo) {
    setBusy(t.id);
    try {
      const { id } = await api.flows.createFromTemplate.mutate({ templateId: t.id });
      window.location.hash = routeHref({ page: 'flow', flowId: id });
    } catch (e) {
      toast(plainError(e, `create a flow from "${t.name}"`), 'error');
      setBusy(null);
    }
  }

  return (
    <>
      {/* Seed 5.1 offers "Creatio Opportunity to QB Sales Order"; only Desktop has that object (Intuit's QBO API lists
          no SalesOrder entity), so say it before an operator looks for the card. */}
      <p className="muted" data-testid="no-qbo-sales-order">
        QuickBooks Online has no sales orders: an opportunity goes to QuickBooks Online as an estimate, invoice or sales
        receipt. QuickBooks Desktop has sales orders.
      </p>
      <ul className="card-grid" aria-label="Templates">
        {templates.map((t) => (
          <li key={t.id} className="card" data-testid={`template-${t.id}`}>
            <h3>{t.title ?? t.name}</h3>
            {t.formerly && <p className="formerly">Formerly {t.formerly}</p>}
            <p className="direction">{t.direction}</p>
            <ul className="chips" aria-label="Objects">
              {t.objects.map((o) => (
                <li key={o} className="chip">
                  {o}
                </li>
              ))}
            </ul>
            <p className="card-text">{t.description}</p>
            <button
              type="button"
              className="button primary"
              disabled={busy !== null}
              onClick={() => use(t)}
              data-testid={`use-template-${t.id}`}
            >
              {busy === t.id ? 'Creating…' : 'Use template'}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

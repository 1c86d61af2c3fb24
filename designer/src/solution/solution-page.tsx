// "Configure solution" (issue 15; seed §4.3, §5.1–5.3): the guided set-up a solutions
// specialist walks through with a customer. Object pair by object pair, which way records
// go and how they bind; for the whole solution, the QuickBooks company files (one set of
// flows each), the Creatio price book and the currency mode. It shows what it will create,
// then creates the flows as drafts, in the order they run, ready to publish.
import { useEffect, useMemo, useState } from 'react';
import type { SolutionChoicesInput, SolutionPlan } from '../api/api-types';
import { api } from '../api/trpc-client';
import { routeHref } from '../lib/hash-route';
import { plainError } from '../lib/plain-error';
import { PageHeader } from '../ui/page-header';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/use-async';
import { EMPTY_PAIR, PairRow, toChoice, unavailable, type PairState } from './pair-row';
import { PlanPreview, type Created } from './plan-preview';
import './solution.css';

export function SolutionPage() {
  const options = useAsync(() => api.solution.options.query(), 'solution-options', 'load the solution choices');
  const toast = useToast();
  const [companies, setCompanies] = useState<string[] | null>(null);
  const [creatio, setCreatio] = useState('');
  const [priceBook, setPriceBook] = useState('');
  const [currency, setCurrency] = useState<'propagate' | 'home'>('propagate');
  const [pairs, setPairs] = useState<Record<string, PairState>>({});
  const [plan, setPlan] = useState<{ data?: SolutionPlan; error?: string }>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created[] | null>(null);

  const o = options.data;
  // The first company is chosen to start with: most customers have one.
  const chosen = companies ?? (o?.companies[0] ? [o.companies[0].id] : []);
  const systems = useMemo(
    () => [...new Set((o?.companies ?? []).filter((c) => chosen.includes(c.id)).map((c) => c.system))],
    [o, chosen],
  );
  const choices: SolutionChoicesInput = {
    companies: chosen,
    ...(creatio ? { creatio } : {}),
    priceBook,
    currency,
    pairs: Object.entries(pairs)
      .filter(
        ([id, s]) =>
          s.direction !== 'none' &&
          !unavailable(
            o!.pairs.find((p) => p.id === id)!,
            s.direction,
            systems,
          ),
      )
      .map(([id, s]) => toChoice(id, s) as SolutionChoicesInput['pairs'][number]),
  };
  const key = JSON.stringify(choices);

  // What it will create, again whenever a choice changes (a short pause first, as typing goes on).
  useEffect(() => {
    setCreated(null); // a changed choice is a new set to create
    if (!o || choices.companies.length === 0 || choices.pairs.length === 0) return setPlan({});
    let live = true;
    const t = setTimeout(() => {
      api.solution.plan.query(JSON.parse(key) as SolutionChoicesInput).then(
        (data) => live && setPlan({ data }),
        (e: unknown) => live && setPlan({ error: plainError(e, 'work out the flows') }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // `key` is the choices, as text: the effect runs when one of them changes, not on every render.
  }, [key, o]);

  async function create() {
    setBusy(true);
    try {
      const r = await api.solution.create.mutate(choices);
      setCreated(r.created);
      toast(`Created ${r.created.length} flows as drafts. Review and publish them in order.`, 'success');
    } catch (e) {
      toast(plainError(e, 'create the flows'), 'error');
    } finally {
      setBusy(false);
    }
  }

  const toggleCompany = (id: string, on: boolean) =>
    setCompanies(on ? [...chosen, id] : chosen.filter((c) => c !== id));

  return (
    <div className="home">
      <PageHeader tag="Configure solution" />
      <main className="solution-main">
        <h1>Configure solution</h1>
        <p className="muted">
          Choose, object by object, which way records go between Creatio and QuickBooks and how they are matched. Weft
          then creates the flows as drafts, in the order they must first run; you review and publish them.
        </p>
        {options.error && (
          <p role="alert" className="error-text">
            {options.error}
          </p>
        )}
        {!o && !options.error && <p className="muted">Loading the choices…</p>}
        {o && (
          <>
            <section className="solution-section" aria-labelledby="systems-heading">
              <h2 id="systems-heading">Systems</h2>
              <fieldset className="solution-fieldset">
                <legend>QuickBooks company files</legend>
                {o.companies.length === 0 && (
                  <p className="error-text">
                    Connect QuickBooks first: add a QuickBooks Online company or a Desktop company file under{' '}
                    <a href={routeHref({ page: 'connections' })}>Connections</a>.
                  </p>
                )}
                {o.companies.map((c) => (
                  <label key={c.id} className="check-line">
                    <input
                      type="checkbox"
                      checked={chosen.includes(c.id)}
                      onChange={(e) => toggleCompany(c.id, e.target.checked)}
                      data-testid={`company-${c.id}`}
                    />
                    {c.name} <span className="muted">({c.system})</span>
                  </label>
                ))}
                <p className="muted small">Several company files: one set of flows is made for each.</p>
              </fieldset>
              <div className="solution-grid">
                <label className="field">
                  <span className="field-label">Creatio</span>
                  {o.creatio.length === 0 ? (
                    <span className="error-text">
                      Connect Creatio first (<a href={routeHref({ page: 'connections' })}>Connections</a>).
                    </span>
                  ) : (
                    <select value={creatio} onChange={(e) => setCreatio(e.target.value)} data-testid="solution-creatio">
                      {o.creatio.map((c, i) => (
                        <option key={c.id} value={i === 0 ? '' : c.id}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                  )}
                </label>
                <label className="field">
                  <span className="field-label">Creatio price book</span>
                  <input
                    value={priceBook}
                    placeholder="Creatio's default price book"
                    onChange={(e) => setPriceBook(e.target.value)}
                    data-testid="solution-price-book"
                  />
                </label>
                <label className="field">
                  <span className="field-label">Currencies</span>
                  <select
                    value={currency}
                    onChange={(e) => setCurrency(e.target.value as 'propagate' | 'home')}
                    data-testid="solution-currency"
                  >
                    <option value="propagate">Keep each transaction&apos;s currency</option>
                    <option value="home">Convert to the home currency</option>
                  </select>
                </label>
              </div>
            </section>
            <section className="solution-section" aria-labelledby="pairs-heading">
              <h2 id="pairs-heading">Objects</h2>
              <table className="table pair-table">
                <colgroup>
                  <col className="objects" />
                  <col className="direction" />
                  <col className="rule" />
                  <col className="operations" />
                  <col />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">Objects</th>
                    <th scope="col">Direction</th>
                    <th scope="col">Binding rule</th>
                    <th scope="col">Permitted operations</th>
                    <th scope="col">Create new records when</th>
                  </tr>
                </thead>
                <tbody>
                  {o.pairs.map((p) => (
                    <PairRow
                      key={p.id}
                      pair={p}
                      systems={systems}
                      state={pairs[p.id] ?? EMPTY_PAIR}
                      onChange={(next) => setPairs({ ...pairs, [p.id]: next })}
                    />
                  ))}
                </tbody>
              </table>
            </section>
            <PlanPreview
              plan={plan}
              ready={choices.companies.length > 0 && choices.pairs.length > 0}
              busy={busy}
              created={created}
              onCreate={create}
            />
          </>
        )}
      </main>
    </div>
  );
}

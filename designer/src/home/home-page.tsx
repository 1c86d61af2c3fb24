// Home: the shipped templates to start from, and the workspace's flows.
import { PageHeader } from '../ui/page-header';
import { api } from '../api/trpc-client';
import { useAsync } from '../ui/use-async';
import { TemplateGallery } from './template-gallery';
import { FlowList } from './flow-list';

export function HomePage() {
  const templates = useAsync(() => api.templates.list.query(), 'templates', 'load the templates');
  const flows = useAsync(() => api.flows.list.query(), 'flows', 'load your flows');
  return (
    <div className="home">
      <PageHeader tag="Creatio ↔ QuickBooks flows" />
      <main className="home-main">
        <section aria-labelledby="flows-heading" className="home-section">
          <div className="section-head">
            <h1 id="flows-heading">Your flows</h1>
            <button type="button" className="button" onClick={flows.reload}>
              Refresh
            </button>
          </div>
          <FlowList state={flows} />
        </section>
        <section aria-labelledby="templates-heading" className="home-section">
          <h2 id="templates-heading">Start from a template</h2>
          <p className="muted">
            Each template is a complete flow you can open, adjust and run. Your copy is yours to change.
          </p>
          <TemplateGallery state={templates} />
        </section>
      </main>
    </div>
  );
}

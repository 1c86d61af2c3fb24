// Import a flow file on the home page (issue 14): a file picker; a refused file's
// problems are listed by node and field, and nothing is saved.
import { useRef, useState } from 'react';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { routeHref } from '../lib/hash-route';
import './versions.css';

interface Problem {
  nodeId?: string;
  message: string;
}

export function FlowFileImport({ onImported }: { onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<{ file: string; problems: Problem[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File) => {
    setBusy(true);
    setRefused(null);
    try {
      const r = await api.flows.versions.importFile.mutate({ text: await file.text() });
      if (r.id === null) setRefused({ file: file.name, problems: r.problems });
      else {
        onImported();
        window.location.hash = routeHref({ page: 'flow', flowId: r.id });
      }
    } catch (e) {
      setRefused({ file: file.name, problems: [{ message: plainError(e, 'import the file') }] });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <label className={`button import-flow-button${busy ? ' disabled' : ''}`} data-testid="import-flow">
        {busy ? 'Importing…' : 'Import a flow file…'}
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          disabled={busy}
          data-testid="import-flow-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importFile(f);
          }}
        />
      </label>
      {refused && (
        <div className="import-refused" role="alert" data-testid="import-refused">
          <p>
            <strong>{refused.file} was not imported</strong> — nothing was saved. Fix{' '}
            {refused.problems.length === 1 ? 'this problem' : `these ${refused.problems.length} problems`} in the file,
            then import it again:
          </p>
          <ul>
            {refused.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
          <button type="button" className="button small" onClick={() => setRefused(null)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}

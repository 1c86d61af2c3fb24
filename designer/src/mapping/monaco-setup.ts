// Monaco bundled with the designer, never from a CDN: @monaco-editor/react's
// loader is given the ESM build, and the one worker a plain language needs (the
// editor worker) is a same-origin file built by Vite's `?worker` import, which
// the server's CSP allows (worker-src 'self'; issue 7). Only the editor core and
// the contributions the expression editor uses are imported, not every language.
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/browser/coreCommands';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { registerJsonata } from './jsonata-language';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

window.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });
registerJsonata(monaco);

export { monaco };

// The `jsonata` language of the expression editor: tokens (Monarch), completion
// of the source record's field paths and of JSONata functions, a field's type on
// hover. The fields come from the editor that has focus (setExpressionFields),
// since Monaco's providers are registered once per page.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { JSONATA_FUNCTIONS } from './jsonata-functions';
import type { FieldInfo } from './mapping-types';

export const JSONATA = 'jsonata';
let fields: FieldInfo[] = [];

/** The source fields completion and hover offer (full paths, from flattenFields). */
export function setExpressionFields(next: FieldInfo[]): void {
  fields = next;
}

/** A path as JSONata reads it: names that are not plain identifiers go in backticks. */
export function quotePath(path: string): string {
  return path
    .split('.')
    .map((s) => (/^[A-Za-z_]\w*$/.test(s) ? s : `\`${s}\``))
    .join('.');
}

export function describeField(f: FieldInfo): string {
  const parts = [f.type];
  if (f.required) parts.push('required');
  if (f.maxLength !== undefined) parts.push(`up to ${f.maxLength} characters`);
  if (f.fromSample) parts.push('seen in sample records only');
  return parts.join(' · ');
}

const tokens: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: ['and', 'or', 'in', 'true', 'false', 'null', 'function'],
  tokenizer: {
    root: [
      [/\/\*/, 'comment', '@comment'],
      [/"([^"\\]|\\.)*"/, 'string'],
      [/'([^'\\]|\\.)*'/, 'string'],
      [/`[^`]*`/, 'variable'],
      [/\$[A-Za-z_]\w*/, 'keyword.function'],
      [/\$/, 'keyword.function'],
      [/\d+(\.\d+)?([eE][-+]?\d+)?/, 'number'],
      [/[A-Za-z_]\w*/, { cases: { '@keywords': 'keyword', '@default': 'variable' } }],
      [/[{}()[\]]/, '@brackets'],
      [/[&+\-*/%=<>!?:~.,;|^#@]+/, 'operator'],
    ],
    comment: [
      [/\*\//, 'comment', '@pop'],
      [/./, 'comment'],
    ],
  },
};

/** The path-like word ending at the cursor: `$sub`, `Primary.Na`, `UsrActive.`. */
function wordBefore(model: Monaco.editor.ITextModel, position: Monaco.Position): { text: string; start: number } {
  const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
  const m = /[$\w.`]*$/.exec(line);
  const text = m ? m[0] : '';
  return { text, start: position.column - text.length };
}

export function registerJsonata(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === JSONATA)) return;
  monaco.languages.register({ id: JSONATA });
  monaco.languages.setMonarchTokensProvider(JSONATA, tokens);
  monaco.languages.setLanguageConfiguration(JSONATA, {
    wordPattern: /\$?[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*/,
    brackets: [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: '"', close: '"', notIn: ['string'] },
    ],
  });

  monaco.languages.registerCompletionItemProvider(JSONATA, {
    triggerCharacters: ['$', '.'],
    provideCompletionItems(model, position) {
      const { text, start } = wordBefore(model, position);
      const range = new monaco.Range(position.lineNumber, start, position.lineNumber, position.column);
      const Kind = monaco.languages.CompletionItemKind;
      const suggestions: Monaco.languages.CompletionItem[] = [];
      if (!text.includes('.') || text.startsWith('$')) {
        for (const fn of JSONATA_FUNCTIONS) {
          suggestions.push({
            label: fn.name,
            kind: Kind.Function,
            detail: `${fn.name}(${fn.args})`,
            documentation: fn.doc,
            insertText: `\\${fn.name}($0)`,
            insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
            range,
            sortText: `2${fn.name}`,
          });
        }
      }
      if (!text.startsWith('$')) {
        for (const f of fields) {
          suggestions.push({
            label: f.path,
            kind: f.children?.length ? Kind.Module : Kind.Field,
            detail: describeField(f),
            documentation: f.label && f.label !== f.path ? f.label : undefined,
            insertText: quotePath(f.path),
            range,
            sortText: `1${f.path}`,
          });
        }
      }
      return { suggestions };
    },
  });

  monaco.languages.registerHoverProvider(JSONATA, {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      if (!word) return null;
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const fn = JSONATA_FUNCTIONS.find((f) => f.name === word.word);
      if (fn) return { range, contents: [{ value: `**${fn.name}**(${fn.args})` }, { value: fn.doc }] };
      const field = fields.find((f) => f.path === word.word);
      if (!field) return null;
      return { range, contents: [{ value: `**${field.path}** — ${describeField(field)}` }] };
    },
  });
}

// A JSONata expression in Monaco: completion of the source fields and JSONata
// functions, a field's type on hover, and the parser's complaint underlined in
// place (the same parser the engine compiles with, issue 14).
import { useEffect, useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { monaco } from './monaco-setup';
import { JSONATA, setExpressionFields } from './jsonata-language';
import { expressionError } from './mapping-model';
import type { FieldInfo } from './mapping-types';

interface Props {
  value: string;
  onChange: (value: string) => void;
  fields: FieldInfo[];
  label: string;
}

type CodeEditor = Parameters<OnMount>[0];

function markErrors(editor: CodeEditor): void {
  const model = editor.getModel();
  if (!model) return;
  const err = model.getValue().trim() === '' ? null : expressionError(model.getValue());
  if (!err) return monaco.editor.setModelMarkers(model, JSONATA, []);
  const end = model.getPositionAt(Math.max(0, err.position));
  const start = model.getPositionAt(Math.max(0, err.position - 1));
  monaco.editor.setModelMarkers(model, JSONATA, [
    {
      severity: monaco.MarkerSeverity.Error,
      message: err.message,
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: Math.max(end.column, start.column + 1),
    },
  ]);
}

export default function ExpressionEditor({ value, onChange, fields, label }: Props) {
  const editorRef = useRef<CodeEditor | null>(null);
  useEffect(() => setExpressionFields(fields), [fields]);
  return (
    <div className="expression-editor" data-testid="expression-editor">
      <Editor
        height="100%"
        language={JSONATA}
        // Uncontrolled: a controlled value lags fast typing by a render and would undo keystrokes.
        // The parent remounts this editor (key) when another field is edited.
        defaultValue={value}
        onChange={(v) => {
          if (editorRef.current) markErrors(editorRef.current);
          onChange(v ?? '');
        }}
        onMount={(editor) => {
          editorRef.current = editor;
          setExpressionFields(fields);
          markErrors(editor);
          editor.focus();
        }}
        loading={<span className="muted small">Loading the expression editor…</span>}
        options={{
          ariaLabel: label,
          minimap: { enabled: false },
          lineNumbers: 'off',
          glyphMargin: false,
          folding: false,
          scrollBeyondLastLine: false,
          wordWrap: 'on',
          fontSize: 14,
          renderLineHighlight: 'none',
          overviewRulerLanes: 0,
          automaticLayout: true,
          fixedOverflowWidgets: true,
          quickSuggestions: { other: true, strings: false, comments: false },
          suggestOnTriggerCharacters: true,
          tabCompletion: 'on',
        }}
      />
    </div>
  );
}

// What canvas nodes read besides their id: their view (node-view.ts) and the
// editor's actions. Kept out of React Flow node data on purpose: node data
// holds no callbacks and no view state (xyflow guidance).
import { createContext, useContext } from 'react';
import type { NodeView } from '../lib/node-view';

export interface EditorActions {
  openFailures(nodeId: string): void;
}

export const NodeViewsContext = createContext<ReadonlyMap<string, NodeView>>(new Map());
export const EditorActionsContext = createContext<EditorActions>({ openFailures: () => {} });

export function useNodeView(id: string): NodeView | undefined {
  return useContext(NodeViewsContext).get(id);
}

export function useEditorActions(): EditorActions {
  return useContext(EditorActionsContext);
}

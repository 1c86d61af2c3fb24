// What the mapping editor's server side needs: the node types and the workspace's connections.
import type { ConnectionInfo } from '../../nodes/define-node';
import type { NodeRegistry } from '../../nodes/registry';

export interface MappingDeps {
  registry: NodeRegistry;
  /** A connection of the caller's workspace, with its secrets (throws a plain-words error when it is gone). */
  connection(id: string): ConnectionInfo;
}

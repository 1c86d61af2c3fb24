// Every node type Weft knows, as an explicit list (no file-system discovery).
// Read by the designer (palette, forms, port rules), the server and the engine.
import type { AnyNodeDefinition } from './define-node';
import { createRegistry } from './registry';
// The connection kinds register their record types ("Produces" of a Mapping) and field lists wherever nodes are loaded.
import './connections';
import { filterNode } from './core/filter.node.ts';
import { mappingNode } from './core/mapping.node.ts';
import { routerNode } from './core/router.node.ts';
import { creatioSource } from './creatio/creatio-source.node.ts';
import { qboBindingNode } from './quickbooks/online/qbo-binding.node.ts';
import { qboSinkNode } from './quickbooks/online/qbo-sink.node.ts';
import { referenceLookupNode } from './core/reference-lookup.node.ts';
import { creatioBinding } from './creatio/creatio-binding.node.ts';
import { creatioSink } from './creatio/creatio-sink.node.ts';
import { creatioDetailSink } from './creatio/creatio-detail-sink.node.ts';
import { creatioWriteBack } from './creatio/creatio-write-back.node.ts';
import { creatioContactAddressesNode } from './creatio/creatio-contact-addresses.node.ts';
import { creatioPrices } from './creatio/creatio-prices.node.ts';
import { qboItemLookupNode } from './quickbooks/online/qbo-item-lookup.node.ts';
import { qboCreditAppliedNode } from './quickbooks/online/qbo-credit-applied.node.ts';
import { qboSourceNode } from './quickbooks/online/qbo-source.node.ts';
import { qbdBindingNode } from './quickbooks/desktop/qbd-binding.node.ts';
import { qbdSinkNode } from './quickbooks/desktop/qbd-sink.node.ts';
import { qbdSourceNode } from './quickbooks/desktop/qbd-source.node.ts';
import { qboAgingNode } from './quickbooks/online/qbo-aging.node.ts';
import { qbdAgingNode } from './quickbooks/desktop/qbd-aging.node.ts';
import { creatioLookupValueNode } from './creatio/creatio-lookup-value.node.ts';
import { qboItemTypeNode } from './quickbooks/online/qbo-item-type.node.ts';
import { qboAccountLookupNode } from './quickbooks/online/qbo-account-lookup.node.ts';
import { partyOptionsNode } from './core/party-options.node.ts';

export const NODE_DEFINITIONS: AnyNodeDefinition[] = [
  creatioSource,
  filterNode,
  routerNode,
  qboBindingNode,
  mappingNode,
  qboSinkNode,
  referenceLookupNode,
  qboItemLookupNode,
  qboCreditAppliedNode,
  qboSourceNode,
  creatioBinding,
  creatioSink,
  creatioDetailSink,
  creatioWriteBack,
  creatioContactAddressesNode,
  creatioPrices,
  qbdBindingNode,
  qbdSinkNode,
  qbdSourceNode,
  qboAgingNode,
  qbdAgingNode,
  creatioLookupValueNode,
  qboItemTypeNode,
  qboAccountLookupNode,
  partyOptionsNode,
];

export const registry = createRegistry(NODE_DEFINITIONS);

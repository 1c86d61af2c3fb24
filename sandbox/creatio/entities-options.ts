// Custom columns the sales-transaction options of the opportunity flows use (issue 15, seed §5.2), added to
// the standard objects of entities.ts. A customer adds them in Creatio's object designer; each is optional
// and only needed by the option that names it.
import type { ColumnDef } from './entities';

export const OPTION_COLUMNS: Record<string, ColumnDef[]> = {
  Opportunity: [
    // "Duplicate prevention": set once the opportunity's transaction is in QuickBooks.
    { name: 'UsrQBSent', type: 'Boolean' },
    // "QB multiple transactions": which QuickBooks transaction the opportunity becomes (Invoice, Sales Receipt…).
    { name: 'UsrQBTxnType', type: 'Text', maxLength: 50 },
  ],
  OpportunityProduct: [
    // QuickBooks' line id (Online LineId, Desktop TxnLineID): an update edits that very line, even when
    // the same product is on the opportunity twice.
    { name: 'UsrQBLineId', type: 'Text', maxLength: 50 },
  ],
};

// Golden test of "QuickBooks Desktop bills → Creatio opportunities" (seed §5.1, QB_Creatio): each one of a linked
// vendor, read through the Web Connector, becomes an opportunity naming the supplier account, its lines opportunity
// products.
import { qbdPurchaseToCreatioGolden } from './test-qbd-purchase-to-creatio';

qbdPurchaseToCreatioGolden({
  flow: 'qbd-bills-to-creatio-opportunities',
  entity: 'Bill',
  word: 'Bill',
  schema: 'golden_qbdbill2crm',
});

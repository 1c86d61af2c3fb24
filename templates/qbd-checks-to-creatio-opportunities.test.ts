// Golden test of "QuickBooks Desktop checks → Creatio opportunities" (seed §5.1, QB_Creatio): each one of a linked
// vendor, read through the Web Connector, becomes an opportunity naming the supplier account, its lines opportunity
// products.
import { qbdPurchaseToCreatioGolden } from './test-qbd-purchase-to-creatio';

qbdPurchaseToCreatioGolden({
  flow: 'qbd-checks-to-creatio-opportunities',
  entity: 'Check',
  word: 'Check',
  schema: 'golden_qbdchk2crm',
});

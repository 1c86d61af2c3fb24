// Golden test of "QuickBooks Desktop purchase orders → Creatio opportunities" (seed §5.1, QB_Creatio): each one of a linked
// vendor, read through the Web Connector, becomes an opportunity naming the supplier account, its lines opportunity
// products.
import { qbdPurchaseToCreatioGolden } from './test-qbd-purchase-to-creatio';

qbdPurchaseToCreatioGolden({
  flow: 'qbd-purchase-orders-to-creatio-opportunities',
  entity: 'PurchaseOrder',
  word: 'Purchase order',
  schema: 'golden_qbdpo2crm',
});

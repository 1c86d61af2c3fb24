// Golden test of "QuickBooks Online purchase orders → Creatio opportunities" (seed §5.1, QB_Creatio): each purchase
// order of a linked vendor becomes an opportunity naming the supplier account, its lines opportunity products.
import { qboPurchaseToCreatioGolden } from './test-qbo-purchase-to-creatio';

qboPurchaseToCreatioGolden({
  flow: 'qbo-purchase-orders-to-creatio-opportunities',
  entity: 'PurchaseOrder',
  word: 'Purchase order',
  path: 'purchaseorder',
  schema: 'golden_qbopo2crm',
});

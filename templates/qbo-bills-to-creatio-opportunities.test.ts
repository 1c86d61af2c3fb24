// Golden test of "QuickBooks Online bills → Creatio opportunities" (seed §5.1, QB_Creatio): each bill
// of a linked vendor becomes an opportunity naming the supplier account, its lines opportunity products.
import { qboPurchaseToCreatioGolden } from './test-qbo-purchase-to-creatio';

qboPurchaseToCreatioGolden({
  flow: 'qbo-bills-to-creatio-opportunities',
  entity: 'Bill',
  word: 'Bill',
  path: 'bill',
  schema: 'golden_qbobill2crm',
});

// Golden test of "QuickBooks Online checks → Creatio opportunities" (seed §5.1, QB_Creatio): each check
// (Purchase of type Check) of a linked vendor becomes an opportunity naming the supplier account, its lines opportunity products.
import { qboPurchaseToCreatioGolden } from './test-qbo-purchase-to-creatio';

qboPurchaseToCreatioGolden({
  flow: 'qbo-checks-to-creatio-opportunities',
  entity: 'Purchase',
  word: 'Check',
  path: 'purchase',
  schema: 'golden_qbochk2crm',
});

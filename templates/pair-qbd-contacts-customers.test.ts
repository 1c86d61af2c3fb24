// Golden test of the bi-directional pair "Creatio contacts ↔ QuickBooks Desktop sub-customers" (two flows, one each
// way, the Desktop side through the Web Connector): a contact is the sub-customer Company:Contact
// (test-pair-contacts.ts).
import { qbdAdd, qbdMod } from './test-apgl';
import { el } from './test-qbd-finance';
import { bootQbdGolden } from './test-qbd-golden';
import { contactsPairGolden } from './test-pair-contacts';

contactsPairGolden({
  title: 'QuickBooks Desktop',
  prefix: 'golden_pair_qbd_contacts',
  boot: bootQbdGolden,
  accountsFlow: 'creatio-accounts-to-qbd-customers',
  toQb: { template: 'creatio-contacts-to-qbd-customers', source: 'contacts', sink: 'customers' },
  toCreatio: { template: 'qbd-sub-customers-to-creatio-contacts', source: 'read', sink: 'write' },
  subCustomer(g, company, name) {
    const row = g.weft.sandboxes!.qbd.file.customerByName(`${company}:${name}`);
    if (!row) return undefined;
    return {
      phone: (row.fields.Phone as string | undefined) ?? null,
      parent: row.name.slice(0, row.name.lastIndexOf(':')),
    };
  },
  customerCount: (g) => g.weft.sandboxes!.qbd.file.customerCount(),
  addPerson(g, company, p) {
    const file = g.weft.sandboxes!.qbd.file;
    const parent = `<ParentRef>${el('ListID', file.customerByName(company)!.listId)}</ParentRef>`;
    const names = el('FirstName', p.given) + el('LastName', p.family);
    qbdAdd(
      file,
      'Customer',
      el('Name', `${p.given} ${p.family}`) + parent + names + el('Phone', p.phone) + el('Email', p.email),
    );
    return Promise.resolve();
  },
  setPhone(g, company, name, phone) {
    const file = g.weft.sandboxes!.qbd.file;
    const row = file.customerByName(`${company}:${name}`)!;
    qbdMod(file, 'Customer', el('ListID', row.listId) + el('EditSequence', row.editSequence) + el('Phone', phone));
    return Promise.resolve();
  },
});

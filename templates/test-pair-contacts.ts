// Golden test shared by the bi-directional pairs "Creatio contacts ↔ QuickBooks Online sub-customers" and its
// Desktop twin (Company:Contact), run for several cycles of both flows after the accounts flow bound the companies.
// A person added under a company in QuickBooks becomes a contact of that company's account, which the contacts flow
// reads back as Weft's own write; a quiet cycle writes nothing; a change on either side arrives once and does not
// bounce back; no contact or sub-customer is made twice, and each stays under its own company.
import { expect, it } from 'vitest';
import { creatioSession, type Golden } from './test-golden';
import {
  accountsNamed,
  companyPairSuite,
  describePair,
  expectFirstCycleEchoed,
  contactsNamed,
  expectEachChangeCrossesOnce,
  expectNothingBounces,
  expectQuietCycle,
  type CompanyPairSystem,
} from './test-pair-golden';

/** A sub-customer as a person reads it in QuickBooks: its phone and the name of the customer it is filed under. */
export interface SubCustomer {
  phone: string | null;
  parent: string;
}

/** What differs between QuickBooks Online and Desktop: how sub-customers are named, read and written. */
export interface ContactsPairSystem extends CompanyPairSystem {
  /** The sub-customer the contacts flow makes of contact `name` of `company`, if any. */
  subCustomer(g: Golden, company: string, name: string): SubCustomer | undefined;
  /** A person a bookkeeper files under `company` in QuickBooks. */
  addPerson(g: Golden, company: string, p: Person): Promise<void>;
  setPhone(g: Golden, company: string, name: string, phone: string): Promise<void>;
}

export interface Person {
  given: string;
  family: string;
  email: string;
  phone: string;
}

const NEW_PERSON: Person = { given: 'Ada', family: 'Arrived', email: 'ada.arrived@example.test', phone: '+1 555 0190' };
const NEW_NAME = `${NEW_PERSON.given} ${NEW_PERSON.family}`;

interface ContactRow {
  Id: string;
  Name: string;
  Company: string;
}

export function contactsPairGolden(sys: ContactsPairSystem): void {
  describePair(companyPairSuite(sys, `Creatio contacts ↔ ${sys.title} sub-customers`), (g, cycle) => {
    /** Contacts of a company whose name no other account or contact of it shares, and that QuickBooks has. */
    const syncedContacts = () =>
      (
        g()
          .weft.sandboxes!.creatio.db.prepare(
            'SELECT c."Id", c."Name", a."Name" AS "Company" FROM "Contact" c JOIN "Account" a ON a."Id" = c."AccountId" ' +
              'ORDER BY a."Name", c."Name"',
          )
          .all() as ContactRow[]
      ).filter(
        (c) =>
          accountsNamed(g().weft, c.Company).length === 1 &&
          contactsNamed(g().weft, c.Name).length === 1 &&
          !!sys.subCustomer(g(), c.Company, c.Name),
      );
    let company: string;

    it('a person added under a company in QuickBooks becomes a contact of its account; a quiet cycle writes nothing', async () => {
      // The demo company's contacts go to QuickBooks, each under its company; they come back to the reverse flow as
      // its partner's writes: left out.
      await expectFirstCycleEchoed(cycle);
      // A company the accounts flow bound (one account of that name, its customer in QuickBooks) with a contact.
      company = syncedContacts()[0].Company;

      const customers = sys.customerCount(g());
      await sys.addPerson(g(), company, NEW_PERSON);
      const second = await cycle();
      expect(second).toEqual({
        toQb: { read: 0, echoes: 0, created: 0, updated: 0 },
        toCreatio: { read: 1, echoes: 0, created: 1, updated: 0 },
      });
      expect(contactsNamed(g().weft, NEW_NAME)).toEqual([
        expect.objectContaining({ Phone: NEW_PERSON.phone, AccountId: accountsNamed(g().weft, company)[0].Id }),
      ]);
      // The contact made from QuickBooks comes back to the contacts flow as Weft's own write: left out.
      await expectQuietCycle(cycle, 1);
      expect(sys.customerCount(g())).toBe(customers + 1);
    });

    it('a change on each side arrives once on the other and does not bounce back', async () => {
      const inCreatio = syncedContacts().find((c) => c.Name !== NEW_NAME)!;
      const customers = sys.customerCount(g());
      const session = await creatioSession(g().weft);
      expect(await session.patch(`Contact(${inCreatio.Id})`, { Phone: '+1 555 0191' })).toBe(204);
      await sys.setPhone(g(), company, NEW_NAME, '+1 555 0192');

      // Each change crosses once; the sub-customer Weft just updated comes back to the reverse flow as an echo.
      await expectEachChangeCrossesOnce(cycle);
      expect(sys.subCustomer(g(), inCreatio.Company, inCreatio.Name)).toEqual({
        phone: '+1 555 0191',
        parent: inCreatio.Company,
      });
      expect(contactsNamed(g().weft, NEW_NAME)).toEqual([
        expect.objectContaining({ Phone: '+1 555 0192', AccountId: accountsNamed(g().weft, company)[0].Id }),
      ]);

      // The contact Weft updated from QuickBooks comes back to the contacts flow as an echo: nothing bounces.
      await expectNothingBounces(cycle);
      expect(sys.subCustomer(g(), company, NEW_NAME)).toEqual({ phone: '+1 555 0192', parent: company });
      expect(sys.customerCount(g())).toBe(customers);
      expect(contactsNamed(g().weft, inCreatio.Name)).toHaveLength(1);
    });
  });
}

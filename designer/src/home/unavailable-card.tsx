// A gallery card for what a system cannot do (issue 15): seed §5.1 offers "Creatio Opportunity to QB Sales
// Order", but QuickBooks Online has no sales orders (Intuit's QuickBooks Online Accounting API lists no
// SalesOrder entity: https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/estimate is
// the nearest form), so an operator looking for that card finds where to go instead, among the real cards.
import type { TemplateInfo } from '../api/api-types';

export interface Unavailable {
  id: string;
  title: string;
  direction: string;
  objects: string[];
  needs: string[];
  text: string;
  /** Templates to use instead, by id, with the button's words. */
  instead: { id: string; label: string }[];
}

export const UNAVAILABLE: Unavailable[] = [
  {
    id: 'no-qbo-sales-order',
    title: 'Creatio opportunities → QuickBooks Online sales orders',
    direction: 'Creatio → QuickBooks Online',
    objects: ['Opportunity', 'SalesOrder'],
    needs: ['Creatio', 'QuickBooks Online'],
    text:
      'QuickBooks Online has no sales orders: an opportunity goes to QuickBooks Online as an estimate (a quote the ' +
      'customer accepts) or an invoice instead. QuickBooks Desktop has sales orders.',
    instead: [
      { id: 'creatio-opportunities-to-qbo-estimates', label: 'Use the estimate template' },
      { id: 'creatio-opportunities-to-qbo-invoices', label: 'Use the invoice template' },
    ],
  },
];

/** The card as the gallery's filters see it. */
export const asTemplate = (u: Unavailable) =>
  ({
    name: u.title,
    title: u.title,
    description: u.text,
    direction: u.direction,
    objects: u.objects,
    needs: u.needs,
  }) as Pick<TemplateInfo, 'name' | 'title' | 'description' | 'direction' | 'objects' | 'needs'> as TemplateInfo;

export function UnavailableCard(props: {
  u: Unavailable;
  all: TemplateInfo[];
  busy: boolean;
  use: (t: TemplateInfo) => void;
}) {
  const { u } = props;
  return (
    <li className="card unavailable" data-testid={u.id}>
      <h4>{u.title}</h4>
      <p className="card-meta">Not available in QuickBooks Online</p>
      <p className="card-text">{u.text}</p>
      <div className="card-actions">
        {u.instead.map((i) => {
          const t = props.all.find((x) => x.id === i.id);
          return (
            t && (
              <button
                key={i.id}
                type="button"
                className="button"
                disabled={props.busy}
                onClick={() => props.use(t)}
                data-testid={`${u.id}-use-${i.id}`}
              >
                {i.label}
              </button>
            )
          );
        })}
      </div>
    </li>
  );
}

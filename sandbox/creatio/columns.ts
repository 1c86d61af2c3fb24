// The column builders of the simulated Creatio schema, shared by entities.ts and the
// entities-*.ts files that add objects and columns to it. Each says a column's Creatio
// data type once (external-apis.md A4): a lookup's wire name is its flat FK name ending
// in `Id`; Currency and Decimal columns are both decimals on the wire.
export type ColumnType = 'Guid' | 'Text' | 'DateTime' | 'Decimal' | 'Integer' | 'Boolean' | 'Lookup';

export interface ColumnDef {
  /** Wire name; for lookups the flat FK name ending in `Id`. */
  name: string;
  type: ColumnType;
  /** Text columns: max characters (Creatio sizes 50/250/500; unset = unlimited). */
  maxLength?: number;
  /** Lookups: target entity. */
  ref?: string;
}

export interface EntityDef {
  name: string;
  columns: ColumnDef[];
}

export const text = (name: string, maxLength?: number): ColumnDef => ({ name, type: 'Text', maxLength });
export const lookup = (name: string, ref: string): ColumnDef => ({ name: `${name}Id`, type: 'Lookup', ref });
export const decimal = (name: string): ColumnDef => ({ name, type: 'Decimal' });
export const date = (name: string): ColumnDef => ({ name, type: 'DateTime' });
export const flag = (name: string): ColumnDef => ({ name, type: 'Boolean' });
export const integer = (name: string): ColumnDef => ({ name, type: 'Integer' });

/** A lookup object (picklist) as Creatio makes one: rows with a Name and a Description. */
export const lookupObject = (name: string): EntityDef => ({
  name,
  columns: [text('Name', 250), text('Description', 250)],
});

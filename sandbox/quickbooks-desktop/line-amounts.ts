// Amounts as QuickBooks writes them (two decimals) and a line's amount: its Amount, else Quantity × Rate (or Cost).
type Data = Record<string, unknown>;
export const money = (n: number) => n.toFixed(2);

export const lineAmount = (l: Data) =>
  l.Amount !== undefined ? Number(l.Amount) : Number(l.Quantity ?? 1) * Number(l.Rate ?? l.Cost ?? 0);

// When a QuickBooks Online refresh token is about to die (rolling ~100 days,
// reference B2), say so in plain words, so someone reconnects before flows stop.

const DAY_MS = 86_400_000;
/** Warn this many days ahead. */
export const WARN_DAYS = 14;

/** The warning for a refresh token ending at `expiresAt` (ISO time or epoch ms), or null when all is well. */
export function refreshExpiryWarning(expiresAt: string | number | undefined | null, now = Date.now()): string | null {
  if (expiresAt === undefined || expiresAt === null || expiresAt === '') return null;
  const end = typeof expiresAt === 'number' ? expiresAt : Date.parse(expiresAt);
  if (!Number.isFinite(end)) return null;
  if (end <= now) return 'The QuickBooks authorization ended — reconnect.';
  const left = end - now;
  if (left >= WARN_DAYS * DAY_MS) return null;
  const days = Math.max(1, Math.ceil(left / DAY_MS));
  const date = new Date(end).toISOString().slice(0, 10);
  return `The QuickBooks authorization ends in ${days} ${days === 1 ? 'day' : 'days'} — reconnect before ${date}.`;
}

/**
 * Who an audit actor (or a rule-set version's `changedBy`) names: an operator's email, a key
 * id, or the command line (`groupkit-server admins create`, `keys create`).
 */
export function actorName(actor: unknown): string | null {
  if (typeof actor !== 'object' || actor === null) return null;
  const { type, email, keyId } = actor as { type?: unknown; email?: unknown; keyId?: unknown };
  if (typeof email === 'string') return email;
  if (typeof keyId === 'string') return `API key ${keyId}`;
  if (type === 'cli') return 'Command line';
  return null;
}

/** Who an audit actor (or a rule-set version's `changedBy`) names: an operator's email, or a key id. */
export function actorName(actor: unknown): string | null {
  if (typeof actor !== 'object' || actor === null) return null;
  const { email, keyId } = actor as { email?: unknown; keyId?: unknown };
  if (typeof email === 'string') return email;
  if (typeof keyId === 'string') return `API key ${keyId}`;
  return null;
}

import { useGroup } from '@groupkit/react';

/** The account group, read from its properties through the provider. */
export function AccountHeader() {
  const group = useGroup();
  if (group.status === 'loading') return <p role="status">Loading account…</p>;
  if (group.status === 'error')
    return <p role="alert">Could not load the account: {group.error.message}</p>;
  if (!group.data) return null;
  const { plan, seats } = group.data.properties;
  return (
    <p className="demo-account">
      <strong data-testid="account-name">{group.data.name}</strong>
      {typeof plan === 'string' ? ` · ${plan} plan` : null}
      {typeof seats === 'number' ? ` · ${seats} seats` : null}
    </p>
  );
}

import { GroupKitProvider } from '@groupkit/react';
import { GroupDirectory, MembershipList } from '@groupkit/widgets';
import { useId, useState } from 'react';
import { AccountHeader } from './AccountHeader';
import { PlusPerks } from './PlusPerks';
import { DEMO_USERS } from './users';

/** What an end user of the host app sees: their account, groups, and what they can join. */
export function EndUserPage({
  baseUrl,
  userHashes,
}: {
  baseUrl?: string;
  userHashes?: Record<string, string>;
}) {
  const [userId, setUserId] = useState<string>(DEMO_USERS[0].id);
  const selectId = useId();
  return (
    <div className="demo">
      <header className="demo-header">
        <h1>Your workspace</h1>
        <label htmlFor={selectId}>Signed in as</label>
        <select id={selectId} value={userId} onChange={(e) => setUserId(e.target.value)}>
          {DEMO_USERS.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </header>
      <GroupKitProvider
        apiKey="pk_test_groupkit"
        userId={userId}
        groupId="acme"
        baseUrl={baseUrl}
        userHash={userHashes?.[userId]}
      >
        <main className="demo-main">
          <AccountHeader />
          <PlusPerks />
          <div className="demo-columns">
            <GroupDirectory includeScheduled />
            <MembershipList />
          </div>
        </main>
      </GroupKitProvider>
    </div>
  );
}

import { GroupKitProvider } from '@groupkit/react';
import { GroupDirectory, MembershipList } from '@groupkit/widgets';
import { OnboardingFlow } from '@groupkit/widgets/flows';
import {
  GroupOnboarding,
  joinAnyGroupItem,
  joinGroupItem,
  OnboardingChecklist,
  redeemCodeItem,
} from '@groupkit/widgets/onboarding';
import { useId, useState } from 'react';
import { AccountHeader } from './AccountHeader';
import { PlusPerks } from './PlusPerks';
import { DEMO_USERS } from './users';

// Stable (module scope): the checklist re-reads its items only when they change.
const CHECKLIST = [
  joinAnyGroupItem({ href: '#groups' }),
  redeemCodeItem(),
  joinGroupItem('newsletter', { label: 'Subscribe to the newsletter' }),
];

const DIRECTORY_MESSAGES = { heading: 'All groups' };

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
          <GroupOnboarding />
          {/* Defined on the server (the console edits it): Plus members only, and its
              progress follows the user to any device. */}
          <OnboardingFlow flowId="plus-tour" className="demo-tour" />
          <PlusPerks />
          <OnboardingChecklist items={CHECKLIST} />
          <div className="demo-columns">
            <div id="groups">
              {/* Its own name: the onboarding's directory is a second "Groups" region. */}
              <GroupDirectory includeScheduled messages={DIRECTORY_MESSAGES} />
            </div>
            <MembershipList />
          </div>
        </main>
      </GroupKitProvider>
    </div>
  );
}

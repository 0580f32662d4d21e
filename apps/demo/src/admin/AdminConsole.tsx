import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { AutomationsSection } from './AutomationsSection';
import { createAdminQueryClient, DEMO_SECRET_KEY } from './adminClient';
import { GroupPanel } from './GroupPanel';
import { GroupsSection } from './GroupsSection';
import { UpsertUserSection } from './UpsertUserSection';

/**
 * The secret-key side of the demo, for local development on the mocked API only: user
 * groups, rule sets, codes, members, users and automations. Lazily loaded (see App.tsx), so
 * the end-user bundle never contains the key. Its own QueryClient: nothing here shares a
 * cache with the end-user provider.
 */
export function AdminConsole() {
  const [queryClient] = useState(createAdminQueryClient);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  return (
    <QueryClientProvider client={queryClient}>
      <main className="demo-admin">
        <h1>Admin console</h1>
        <p className="demo-admin-banner" role="note">
          Admin console — uses the secret key <code>{DEMO_SECRET_KEY}</code>; for local development
          with the mocked API only
        </p>
        <GroupsSection selectedId={selectedId} onSelect={setSelectedId} />
        {selectedId ? <GroupPanel key={selectedId} groupId={selectedId} /> : null}
        <UpsertUserSection />
        <AutomationsSection />
      </main>
    </QueryClientProvider>
  );
}

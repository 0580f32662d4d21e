import { useState } from 'react';
import { AutomationsSection } from './AutomationsSection';
import { GroupPanel } from './GroupPanel';
import { GroupsSection } from './GroupsSection';
import { UpsertUserSection } from './UpsertUserSection';
import { useHasRole } from './useConsoleSession';

/**
 * The console's first page: user groups (one open in a panel); for admins also upserting
 * users and automations. Support sees the groups read-only.
 */
export function GroupsPage() {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const admin = useHasRole('admin');
  return (
    <>
      <GroupsSection selectedId={selectedId} onSelect={setSelectedId} />
      {selectedId ? <GroupPanel key={selectedId} groupId={selectedId} /> : null}
      {admin ? <UpsertUserSection /> : null}
      {admin ? <AutomationsSection /> : null}
    </>
  );
}

import { useState } from 'react';
import { AutomationsSection } from './AutomationsSection';
import { GroupPanel } from './GroupPanel';
import { GroupsSection } from './GroupsSection';
import { UpsertUserSection } from './UpsertUserSection';

/** The console's first page: user groups (one open in a panel), upserting users, automations. */
export function GroupsPage() {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  return (
    <>
      <GroupsSection selectedId={selectedId} onSelect={setSelectedId} />
      {selectedId ? <GroupPanel key={selectedId} groupId={selectedId} /> : null}
      <UpsertUserSection />
      <AutomationsSection />
    </>
  );
}

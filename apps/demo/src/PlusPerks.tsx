import { GroupGate } from '@groupkit/react';

/** Content only Plus members who are not (yet) Pro see: a GroupGate in the host app. */
export function PlusPerks() {
  return (
    <GroupGate
      include={['plus']}
      exclude={['pro']}
      loading={<p className="demo-muted">Checking your plan…</p>}
      fallback={null}
    >
      <section className="demo-card demo-perks" aria-labelledby="plus-perks-heading">
        <h2 id="plus-perks-heading">Plus perks</h2>
        <p>Priority support and early webinars are included in your Plus plan.</p>
      </section>
    </GroupGate>
  );
}

import type { ProjectSettings } from '@groupkit/client';
import { type FormEvent, useId, useState } from 'react';
import { splitList } from './consoleClient';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';
import { useConsoleClient } from './useConsoleSession';

/** The project's settings as a form, filled from what the API answered. */
export function ProjectSettingsForm({ settings }: { settings: ProjectSettings }) {
  const admin = useConsoleClient();
  const id = useId();
  const [writable, setWritable] = useState(settings.clientWritableProperties.join(', '));
  const [verification, setVerification] = useState(settings.identityVerification);
  const [saved, setSaved] = useState('');
  const save = useAdminMutation(
    () =>
      admin.updateProject({
        clientWritableProperties: splitList(writable),
        identityVerification: verification,
      }),
    () => setSaved(`Saved at ${new Date().toLocaleTimeString('en-GB')}.`),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    if (!save.isPending) save.mutate(undefined);
  };
  return (
    <form className="demo-admin-form" onSubmit={submit} aria-label="Project settings">
      <label className="demo-admin-field">
        Account-group properties browsers may write
        <input
          value={writable}
          onChange={(e) => setWritable(e.target.value)}
          aria-describedby={`${id}-writable`}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <p id={`${id}-writable`} className="demo-admin-hint">
        Top-level keys, separated by commas (e.g. onboarding, theme). Any other key refuses a
        browser’s whole write; the secret key writes anything.
      </p>
      <label className="demo-admin-check">
        <input
          type="checkbox"
          checked={verification}
          onChange={(e) => setVerification(e.target.checked)}
        />
        Identity verification (browsers prove their user with a hash made on your server)
      </label>
      <div className="demo-admin-actions">
        <button type="submit" aria-disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save settings'}
        </button>
        <span role="status">{saved}</span>
      </div>
      <FormError error={save.error} />
    </form>
  );
}

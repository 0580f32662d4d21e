import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { ApiKeysSection } from './ApiKeysSection';
import { FormError } from './FormError';
import { ProjectSettingsForm } from './ProjectSettingsForm';
import { useConsoleClient } from './useConsoleSession';

/**
 * The project's settings (owners): which account-group properties browsers may write,
 * identity verification, and the API keys. A change applies from the API's next request on.
 */
export function SettingsPage() {
  const admin = useConsoleClient();
  const id = useId();
  const project = useQuery({
    queryKey: ['project'],
    queryFn: ({ signal }) => admin.getProject({ signal }),
  });
  return (
    <section className="demo-admin-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Project settings</h2>
      {project.isError ? <FormError error={project.error} /> : null}
      {project.data ? (
        // Keyed by what the API answered, so a save elsewhere refills the form.
        <ProjectSettingsForm key={JSON.stringify(project.data)} settings={project.data} />
      ) : project.isError ? null : (
        <p role="status">Loading the settings…</p>
      )}
      <ApiKeysSection />
    </section>
  );
}

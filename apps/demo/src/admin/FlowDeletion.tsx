import type { Flow } from '@groupkit/client';
import { ConfirmButton } from './ConfirmButton';
import { consoleHref } from './consoleRoute';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';
import { useConsoleClient } from './useConsoleSession';

/**
 * Deleting a flow (`DELETE /v1/flows/{id}`): every version and everyone's progress go with it,
 * which is said before it happens. Afterwards the console is back on the list of flows.
 */
export function FlowDeletion({ flow }: { flow: Flow }) {
  const admin = useConsoleClient();
  const remove = useAdminMutation(
    () => admin.deleteFlow(flow.id),
    () => {
      window.location.hash = consoleHref('flows');
    },
  );
  const versions = flow.versions.length;
  return (
    <div className="demo-admin-actions">
      <ConfirmButton
        label={`Delete ${flow.draft.name}`}
        question={`Delete “${flow.draft.name}”, its ${versions === 1 ? 'version' : `${versions} versions`} and every user’s progress in it? Apps asking for it get 404 flow_not_found.`}
        confirmLabel={`Delete ${flow.draft.name}`}
        onConfirm={() => remove.mutate()}
        disabled={remove.isPending}
      >
        Delete flow
      </ConfirmButton>
      <FormError error={remove.error} />
    </div>
  );
}

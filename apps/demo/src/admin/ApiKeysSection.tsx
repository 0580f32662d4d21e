import type { ApiKeyInfo, CreatedApiKey } from '@groupkit/client';
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { ConfirmButton } from './ConfirmButton';
import { formatInstant } from './datetime';
import { FormError } from './FormError';
import { OneTimeSecret } from './OneTimeSecret';
import { ScrollTable } from './ScrollTable';
import { useAdminMutation } from './useAdminMutation';
import { useConsoleClient } from './useConsoleSession';

/**
 * The project's API keys (owners): listed by id, kind and first characters; a new key is
 * shown once; a revoked key is refused from its next request. Rotate by making a key,
 * deploying it, then revoking the old one.
 */
export function ApiKeysSection() {
  const admin = useConsoleClient();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [kind, setKind] = useState<ApiKeyInfo['kind']>('secret');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [outcome, setOutcome] = useState('');
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: ({ signal }) => admin.listApiKeys({ signal }),
  });
  const create = useAdminMutation(
    (next: ApiKeyInfo['kind']) => admin.createApiKey(next),
    (made) => {
      setOutcome(`Made ${made.key.kind} key ${made.key.prefix}…`);
      setCreated(made);
    },
  );
  const revoke = useAdminMutation(
    async (key: ApiKeyInfo) => {
      await admin.deleteApiKey(key.id);
      return key;
    },
    (key) => {
      setOutcome(`Revoked ${key.prefix}…: requests with it are refused from now on.`);
      headingRef.current?.focus();
    },
  );
  const list = keys.data ?? [];
  return (
    <section className="demo-admin-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        API keys
      </h3>
      <p className="demo-admin-hint">
        Publishable keys (pk_) go in browsers; secret keys (sk_) stay on your servers.
      </p>
      <form
        className="demo-admin-actions"
        onSubmit={(event) => {
          event.preventDefault();
          setOutcome('');
          create.mutate(kind);
        }}
      >
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as ApiKeyInfo['kind'])}>
            <option value="secret">secret (servers)</option>
            <option value="publishable">publishable (browsers)</option>
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          Make a key
        </button>
      </form>
      {created ? (
        <OneTimeSecret
          title={`New ${created.key.kind} key ${created.key.prefix}…`}
          noun="key"
          hint="Store it where it is used (a secret key never in a browser): it is shown only this once."
          value={created.value}
          onDone={() => {
            setCreated(null);
            headingRef.current?.focus();
          }}
        />
      ) : null}
      <p role="status">{outcome}</p>
      <FormError error={create.error ?? revoke.error} />
      {keys.isError ? <FormError error={keys.error} /> : null}
      <ScrollTable
        caption={
          keys.data
            ? `${list.length} ${list.length === 1 ? 'key' : 'keys'}`
            : keys.isError
              ? 'Could not load the keys'
              : 'Loading keys…'
        }
      >
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Kind</th>
            <th scope="col">Made</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {list.map((key) => (
            <tr key={key.id}>
              <td>
                <code>{key.prefix}…</code> <span className="demo-admin-hint">({key.id})</span>
              </td>
              <td>{key.kind}</td>
              <td>{formatInstant(key.createdAt)}</td>
              <td>
                <ConfirmButton
                  label={`Revoke ${key.prefix}…`}
                  question={`Revoke ${key.prefix}…? Every request with it is refused from then on.`}
                  confirmLabel="Revoke"
                  disabled={revoke.isPending}
                  onConfirm={() => {
                    setOutcome('');
                    revoke.mutate(key);
                  }}
                >
                  Revoke
                </ConfirmButton>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

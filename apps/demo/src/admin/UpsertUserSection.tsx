import type { Properties, UserUpsert, UserUpsertResult } from '@groupkit/client';
import { type FormEvent, useId, useState } from 'react';
import { splitList } from './consoleClient';
import { useConsoleClient } from './useConsoleSession';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';

/** Reads the attributes textarea: empty is none; anything else must be a JSON object. */
function parseAttributes(text: string): Properties | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Attributes: not valid JSON (${(error as Error).message}).`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('Attributes: must be a JSON object such as {"country": "UK"}.');
  }
  return value as Properties;
}

/** `PUT /v1/users/{userId}`: create or update a user, their attributes and manual groups. */
export function UpsertUserSection() {
  const admin = useConsoleClient();
  const id = useId();
  const [userId, setUserId] = useState('');
  const [firstname, setFirstname] = useState('');
  const [lastname, setLastname] = useState('');
  const [email, setEmail] = useState('');
  const [attributes, setAttributes] = useState('');
  const [groups, setGroups] = useState('');
  const [prune, setPrune] = useState(false);
  const [result, setResult] = useState<UserUpsertResult | null>(null);
  const upsert = useAdminMutation(
    ({ user, body }: { user: string; body: UserUpsert }) => admin.upsertUser(user, body),
    (saved) => setResult(saved),
  );
  const [jsonError, setJsonError] = useState<unknown>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    setJsonError(null);
    const body: UserUpsert = {};
    try {
      const parsed = parseAttributes(attributes);
      if (parsed) body.attributes = parsed;
    } catch (error) {
      upsert.reset();
      setJsonError(error);
      return;
    }
    if (firstname !== '') body.firstname = firstname;
    if (lastname !== '') body.lastname = lastname;
    if (email.trim() !== '') body.email = email.trim();
    const list = splitList(groups);
    // With prune, an empty list is meaningful: it removes every manual membership.
    if (list.length > 0 || prune) body.groups = list;
    if (prune) body.prune_memberships = true;
    upsert.mutate({ user: userId.trim(), body });
  };

  return (
    <section className="demo-admin-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Upsert user</h2>
      <form className="demo-admin-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
        <div className="demo-admin-grid">
          <label>
            User id
            <input
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
              required
              autoComplete="off"
              spellCheck={false}
              placeholder="u_edsger"
            />
          </label>
          <label>
            First name
            <input
              value={firstname}
              onChange={(e) => setFirstname(e.target.value)}
              autoComplete="off"
            />
          </label>
          <label>
            Last name
            <input
              value={lastname}
              onChange={(e) => setLastname(e.target.value)}
              autoComplete="off"
            />
          </label>
          <label>
            Email
            <input
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="off"
            />
          </label>
          <label className="demo-admin-wide">
            Attributes (JSON object; null removes a key)
            <textarea
              value={attributes}
              onChange={(e) => setAttributes(e.target.value)}
              rows={3}
              spellCheck={false}
              placeholder='{"country": "UK", "plan": "pro"}'
            />
          </label>
          <label>
            Groups (slugs or ids)
            <input
              value={groups}
              onChange={(e) => setGroups(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              placeholder="customer, newsletter"
            />
          </label>
          <label className="demo-admin-check">
            <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} />
            Prune memberships (remove manual groups not listed)
          </label>
        </div>
        <div className="demo-admin-actions">
          <button type="submit" disabled={upsert.isPending}>
            {upsert.isPending ? 'Saving…' : 'Save user'}
          </button>
        </div>
        <FormError error={jsonError ?? upsert.error} />
      </form>
      <div role="status" className="demo-admin-result">
        {result ? (
          <>
            <p>
              <strong>{result.created ? 'Created' : 'Updated'}</strong> {result.user.id} (
              {[result.user.firstname, result.user.lastname].filter(Boolean).join(' ') || 'no name'}
              , {result.user.email}). Pruned:{' '}
              {result.pruned.length > 0 ? result.pruned.join(', ') : 'none'}.
            </p>
            <p>
              Groups now:{' '}
              {result.memberships.map((m) => `${m.slug} (${m.source})`).join(', ') || 'none'}.
            </p>
          </>
        ) : null}
      </div>
    </section>
  );
}

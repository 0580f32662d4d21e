import type { CodesCreate, CodesCreated, UserGroup } from '@groupkit/client';
import { type FormEvent, useId, useState } from 'react';
import { useConsoleClient } from './useConsoleSession';
import { fromLocalInput } from './datetime';
import { FormError } from './FormError';
import { useAdminMutation } from './useAdminMutation';
import { WarningList } from './WarningList';

/** Generate one shared code (typed or generated, optionally capped) or a batch of single-use codes. */
export function CodeForm({ group }: { group: UserGroup }) {
  const admin = useConsoleClient();
  const id = useId();
  const [mode, setMode] = useState<CodesCreate['mode']>('shared');
  const [code, setCode] = useState('');
  const [maxRedemptions, setMaxRedemptions] = useState('');
  const [count, setCount] = useState('10');
  const [prefix, setPrefix] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [stopsAt, setStopsAt] = useState('');
  const [created, setCreated] = useState<CodesCreated | null>(null);
  const generate = useAdminMutation(
    (body: CodesCreate) => admin.createCodes(group.id, body),
    (result) => setCreated(result),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const validity = { startsAt: fromLocalInput(startsAt), stopsAt: fromLocalInput(stopsAt) };
    generate.mutate(
      mode === 'shared'
        ? {
            mode,
            ...(code.trim() === '' ? {} : { code: code.trim() }),
            maxRedemptions: maxRedemptions === '' ? null : Number(maxRedemptions),
            ...validity,
          }
        : {
            mode,
            count: Number(count),
            ...(prefix.trim() === '' ? {} : { prefix: prefix.trim() }),
            ...validity,
          },
    );
  };

  return (
    <form
      className="demo-admin-form"
      onSubmit={submit}
      aria-label={`Generate codes for ${group.name}`}
    >
      <fieldset className="demo-admin-inline">
        <legend>Kind</legend>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'shared'}
            onChange={() => setMode('shared')}
          />
          One shared code
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'unique'}
            onChange={() => setMode('unique')}
          />
          Single-use codes
        </label>
      </fieldset>
      <div className="demo-admin-grid">
        {mode === 'shared' ? (
          <>
            <label>
              Code (generated when empty)
              <input
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                placeholder="SUMMER-2026"
              />
            </label>
            <label>
              Max redemptions (empty: unlimited)
              <input
                type="number"
                min={1}
                step={1}
                value={maxRedemptions}
                onChange={(e) => setMaxRedemptions(e.target.value)}
              />
            </label>
          </>
        ) : (
          <>
            <label>
              How many
              <input
                type="number"
                min={1}
                max={1000}
                step={1}
                value={count}
                onChange={(e) => setCount(e.target.value)}
                required
              />
            </label>
            <label>
              Prefix (optional)
              <input
                value={prefix}
                onChange={(e) => setPrefix(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                placeholder="VIP-"
              />
            </label>
          </>
        )}
        <label>
          Valid from
          <input
            type="datetime-local"
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        </label>
        <label>
          Valid until
          <input
            type="datetime-local"
            value={stopsAt}
            onChange={(e) => setStopsAt(e.target.value)}
          />
        </label>
      </div>
      <div className="demo-admin-actions">
        <button type="submit" disabled={generate.isPending}>
          {generate.isPending ? 'Generating…' : 'Generate'}
        </button>
        <div role="status" className="demo-admin-outcome">
          {created ? (
            <p>
              {`Generated ${created.data.length} ${created.data.length === 1 ? 'code' : 'codes'}: ${created.data
                .slice(0, 5)
                .map((c) => c.code)
                .join(', ')}${created.data.length > 5 ? ', …' : ''}`}
            </p>
          ) : null}
          <WarningList warnings={created?.warnings ?? []} />
        </div>
      </div>
      <FormError error={generate.error} />
    </form>
  );
}

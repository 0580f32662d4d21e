import type { JoinType, UserGroup, UserGroupType, UserGroupWrite } from '@groupkit/client';
import { type FormEvent, useId, useState } from 'react';
import { errorField, errorMessage } from './consoleClient';
import { useConsoleClient } from './useConsoleSession';
import { fromLocalInput, toLocalInput } from './datetime';
import { FormError } from './FormError';
import { RuleSetFields } from './RuleSetFields';
import { emptyRuleSet, type RuleSetForm, toRuleSetInput } from './ruleSetDraft';
import { useAdminMutation } from './useAdminMutation';

interface Fields {
  slug: string;
  name: string;
  description: string;
  type: UserGroupType;
  /** `''` is admin-only (`null`). */
  joinType: 'open' | 'code' | '';
  userViewable: boolean;
  startsAt: string;
  stopsAt: string;
  order: string;
}

function fieldsOf(group: UserGroup | undefined): Fields {
  return {
    slug: group?.slug ?? '',
    name: group?.name ?? '',
    description: group?.description ?? '',
    type: group?.type ?? 'manual',
    joinType: group?.joinType ?? '',
    userViewable: group?.userViewable ?? false,
    startsAt: toLocalInput(group?.startsAt ?? null),
    stopsAt: toLocalInput(group?.stopsAt ?? null),
    order: String(group?.order ?? 0),
  };
}

/** The body for the fields: an edit sends only what changed, so untouched dates keep their seconds. */
function bodyOf(fields: Fields, initial: Fields, editing: boolean): UserGroupWrite {
  const joinType: JoinType = fields.type === 'automatic' ? null : fields.joinType || null;
  const all: UserGroupWrite = {
    slug: fields.slug.trim(),
    name: fields.name,
    description: fields.description,
    joinType,
    userViewable: fields.userViewable,
    startsAt: fromLocalInput(fields.startsAt),
    stopsAt: fromLocalInput(fields.stopsAt),
    order: fields.order.trim() === '' ? 0 : Number(fields.order),
  };
  if (!editing) return { ...all, type: fields.type };
  const changed = (Object.keys(all) as (keyof Fields & keyof UserGroupWrite)[]).filter(
    (key) => fields[key] !== initial[key],
  );
  return Object.fromEntries(changed.map((key) => [key, all[key]])) as UserGroupWrite;
}

export interface GroupFormProps {
  /** The group to edit; a new one is created without it. */
  group?: UserGroup;
  onSaved?: (group: UserGroup) => void;
}

/** Create or edit a user group. A new automatic group needs its rule set up front. */
export function GroupForm({ group, onSaved }: GroupFormProps) {
  const admin = useConsoleClient();
  const editing = group !== undefined;
  const [initial] = useState(() => fieldsOf(group));
  const [fields, setFields] = useState(initial);
  const [ruleset, setRuleset] = useState<RuleSetForm>(emptyRuleSet);
  const id = useId();
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));
  const save = useAdminMutation(
    (body: UserGroupWrite) =>
      group
        ? admin.updateUserGroup(group.id, body)
        : admin.createUserGroup({
            ...body,
            slug: body.slug ?? '',
            name: body.name ?? '',
            type: fields.type,
          }),
    (saved) => onSaved?.(saved),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = bodyOf(fields, initial, editing);
    if (!editing && fields.type === 'automatic') body.ruleset = toRuleSetInput(ruleset);
    save.mutate(body);
  };
  const automatic = fields.type === 'automatic';
  const errorId = `${id}-error`;

  return (
    <form
      className="demo-admin-form"
      onSubmit={submit}
      aria-label={editing ? `Edit ${group.name}` : 'New user group'}
      aria-describedby={save.error ? errorId : undefined}
    >
      <div className="demo-admin-grid">
        <label>
          Slug
          <input
            value={fields.slug}
            onChange={(e) => set({ slug: e.target.value })}
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="gold-members"
          />
        </label>
        <label>
          Name
          <input value={fields.name} onChange={(e) => set({ name: e.target.value })} required />
        </label>
        <label className="demo-admin-wide">
          Description
          <textarea
            value={fields.description}
            onChange={(e) => set({ description: e.target.value })}
            rows={2}
          />
        </label>
        <label>
          Group type
          <select
            value={fields.type}
            onChange={(e) => set({ type: e.target.value as UserGroupType })}
            disabled={editing}
            aria-describedby={editing ? `${id}-type-hint` : undefined}
          >
            <option value="manual">manual</option>
            <option value="automatic">automatic</option>
          </select>
        </label>
        {editing ? (
          <span id={`${id}-type-hint`} className="demo-admin-hint">
            The type cannot change.
          </span>
        ) : null}
        <label>
          Join type
          <select
            value={automatic ? '' : fields.joinType}
            onChange={(e) => set({ joinType: e.target.value as Fields['joinType'] })}
            disabled={automatic}
          >
            <option value="open">open</option>
            <option value="code">code</option>
            <option value="">admin-only</option>
          </select>
        </label>
        <label>
          Order
          <input
            type="number"
            step={1}
            value={fields.order}
            onChange={(e) => set({ order: e.target.value })}
          />
        </label>
        <label>
          Starts at
          <input
            type="datetime-local"
            value={fields.startsAt}
            onChange={(e) => set({ startsAt: e.target.value })}
          />
        </label>
        <label>
          Stops at
          <input
            type="datetime-local"
            value={fields.stopsAt}
            onChange={(e) => set({ stopsAt: e.target.value })}
          />
        </label>
        <label className="demo-admin-check">
          <input
            type="checkbox"
            checked={fields.userViewable}
            onChange={(e) => set({ userViewable: e.target.checked })}
          />
          Viewable by end users
        </label>
      </div>
      {!editing && automatic ? (
        <RuleSetFields
          value={ruleset}
          onChange={setRuleset}
          errorField={errorField(save.error)}
          errorMessage={save.error ? errorMessage(save.error) : undefined}
          disabled={save.isPending}
        />
      ) : null}
      <div className="demo-admin-actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : editing ? 'Save changes' : 'Create group'}
        </button>
      </div>
      <FormError error={save.error} id={errorId} />
    </form>
  );
}

import type { UserGroup } from '@groupkit/client';
import { useId, useState } from 'react';

export interface GroupPickerProps {
  /** The fieldset's legend, e.g. "Include members of any of". */
  legend: string;
  groups: readonly UserGroup[];
  /** Chosen slugs, in the order they were chosen. */
  value: readonly string[];
  onChange: (slugs: string[]) => void;
}

/**
 * Several groups at once: a fieldset of native checkboxes (Tab and Space, announced with their
 * group), a filter for long lists (chosen groups always stay visible), and what is chosen in
 * words.
 */
export function GroupPicker({ legend, groups, value, onChange }: GroupPickerProps) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const chosen = new Set(value);
  const needle = filter.trim().toLowerCase();
  const shown = groups.filter(
    (group) =>
      chosen.has(group.slug) ||
      needle === '' ||
      group.name.toLowerCase().includes(needle) ||
      group.slug.includes(needle),
  );
  const names = groups.filter((g) => chosen.has(g.slug)).map((g) => g.name);

  return (
    <fieldset className="demo-admin-picker" aria-describedby={`${id}-chosen`}>
      <legend>{legend}</legend>
      <label className="demo-admin-picker-filter">
        Filter groups
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      <p id={`${id}-chosen`} className="demo-admin-hint">
        {names.length === 0 ? 'None chosen.' : `Chosen: ${names.join(', ')}.`}
      </p>
      <ul className="demo-admin-picker-list">
        {shown.map((group) => (
          <li key={group.id}>
            <label>
              <input
                type="checkbox"
                checked={chosen.has(group.slug)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? [...value, group.slug]
                      : value.filter((slug) => slug !== group.slug),
                  )
                }
              />
              {group.name} <code>{group.slug}</code>
            </label>
          </li>
        ))}
      </ul>
      {shown.length === 0 ? <p className="demo-admin-hint">No group matches “{filter}”.</p> : null}
    </fieldset>
  );
}

export interface SortState<Attr> {
  attr: Attr;
  dir: 'asc' | 'desc';
}

/**
 * A column header that sorts its table: a button inside the `th` (so it is reached by Tab and
 * announced as a button), with `aria-sort` on the header the table is sorted by. Choosing the
 * sorted column again reverses the direction.
 */
export function SortHeader<Attr>({
  attr,
  label,
  sort,
  onSort,
}: {
  attr: Attr;
  label: string;
  sort: SortState<Attr>;
  onSort: (sort: SortState<Attr>) => void;
}) {
  const active = sort.attr === attr;
  return (
    <th
      scope="col"
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        className="demo-admin-sort"
        onClick={() => onSort({ attr, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}
      >
        {label}
        <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

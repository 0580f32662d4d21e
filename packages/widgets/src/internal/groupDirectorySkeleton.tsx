'use client';

/**
 * Placeholder rows built from the real rows' parts (same classes, same line boxes), so the
 * list keeps its height when the groups arrive. Hidden from screen readers: the region is
 * `aria-busy` and its status says "Loading groups…".
 */
export function GroupDirectorySkeleton({ rows }: { rows: number }) {
  return (
    <ul className="groupkit-directory-items" aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <li key={i} className="groupkit-directory-item groupkit-directory-skeleton">
          <div className="groupkit-directory-text">
            <span className="groupkit-directory-name">
              <span className="groupkit-directory-bone" />
            </span>
            <span className="groupkit-directory-description">
              <span className="groupkit-directory-bone" />
            </span>
          </div>
          <div className="groupkit-directory-action">
            <span className="groupkit-directory-bone" />
          </div>
        </li>
      ))}
    </ul>
  );
}

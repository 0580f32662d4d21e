import { type ReactNode, type RefObject, useEffect, useId, useRef, useState } from 'react';

/** Whether the wrapper is narrower than its table (320 px screens, long rows), kept current. */
function useOverflows(wrapper: RefObject<HTMLDivElement | null>) {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    // The table too: new rows can widen it while the wrapper keeps its size.
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [wrapper]);
  return overflows;
}

/**
 * A console table in a horizontal scroller. While the table is wider than the screen the
 * scroller is a named, focusable region, so keyboard users can scroll it with the arrow keys
 * (axe `scrollable-region-focusable`); otherwise it adds no tab stop.
 */
export function ScrollTable({
  caption,
  describedBy,
  children,
}: {
  caption: ReactNode;
  /** Id of a hint about using the table. */
  describedBy?: string;
  /** The `thead` and `tbody`. */
  children: ReactNode;
}) {
  const id = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const overflows = useOverflows(wrapper);
  return (
    <div
      ref={wrapper}
      className="demo-admin-scroll"
      {...(overflows ? { role: 'region', 'aria-labelledby': id, tabIndex: 0 } : {})}
    >
      <table className="demo-admin-table" aria-describedby={describedBy}>
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

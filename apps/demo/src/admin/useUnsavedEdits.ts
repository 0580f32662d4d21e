import { createContext, useContext, useEffect } from 'react';
import type { LeaveGuard } from './leaveGuard';

/** The signed-in console's leave guard (none outside it: nothing asks then). */
export const LeaveGuardContext = createContext<LeaveGuard | null>(null);

/**
 * While `unsaved`, leaving asks first: another console page (a link, Back or Forward), a
 * reload or a closed tab. Without it an operator's edits vanished with a click on the nav.
 * @example useUnsavedEdits(differsFrom(form, saved));
 */
export function useUnsavedEdits(unsaved: boolean) {
  const guard = useContext(LeaveGuardContext);
  useEffect(() => {
    if (!unsaved) return;
    const release = guard?.hold();
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => {
      release?.();
      window.removeEventListener('beforeunload', ask);
    };
  }, [unsaved, guard]);
}

/** What the console asks before a page with unsaved edits is left. */
export const LEAVE_QUESTION = 'This page has unsaved edits. Leave it and lose them?';

/**
 * Whether the console holds unsaved edits, and whether leaving the page may go ahead. One per
 * signed-in console; editors hold it while their form differs from what is saved.
 */
export interface LeaveGuard {
  /** Marks edits as unsaved until the returned function is called (once is enough). */
  hold(): () => void;
  /** Nothing unsaved, or the operator chose to leave anyway (`ask` answered yes). */
  mayLeave(): boolean;
}

/**
 * @param ask shows `LEAVE_QUESTION` and answers whether to leave (`window.confirm` in the
 *   console: a native dialog every keyboard and screen reader knows)
 * @example const guard = createLeaveGuard((question) => window.confirm(question));
 */
export function createLeaveGuard(ask: (question: string) => boolean): LeaveGuard {
  let holds = 0;
  return {
    hold() {
      holds++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds--;
      };
    },
    mayLeave: () => holds === 0 || ask(LEAVE_QUESTION),
  };
}

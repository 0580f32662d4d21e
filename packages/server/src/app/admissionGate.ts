/**
 * A fixed number of places, handed out first come, first served. Admin requests take one
 * each (`createApp`'s `adminConcurrency`): a member list, export or recalculation of a big
 * group holds that group in memory while it runs, so fifty at once on one process would take
 * gigabytes. Past the limit they wait (holding no database connection), and past their
 * request timeout they answer 503 with `Retry-After`; end users never wait behind them.
 */
export function createAdmissionGate(limit: number) {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new TypeError(`createAdmissionGate: limit must be a whole number >= 1 (got ${limit})`);
  }
  let running = 0;
  const waiting: (() => void)[] = [];

  /** Gives the place to the next in line, or frees it. */
  const handOn = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  /** A release that acts once: a second call must not free someone else's place. */
  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      handOn();
    };
  };

  return {
    /**
     * Waits for a place: resolves with the function that gives it back, or with `null` when
     * none came within `timeoutMs` (then the caller holds nothing).
     */
    enter(timeoutMs?: number): Promise<(() => void) | null> {
      if (running < limit) {
        running++;
        return Promise.resolve(releaser());
      }
      return new Promise((resolve) => {
        const grant = () => {
          if (timer !== undefined) clearTimeout(timer);
          resolve(releaser());
        };
        waiting.push(grant);
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                waiting.splice(waiting.indexOf(grant), 1);
                resolve(null);
              }, timeoutMs);
      });
    },
    /** Places taken now. */
    get running() {
      return running;
    },
    /** Callers waiting for a place now. */
    get waiting() {
      return waiting.length;
    },
  };
}

export type AdmissionGate = ReturnType<typeof createAdmissionGate>;

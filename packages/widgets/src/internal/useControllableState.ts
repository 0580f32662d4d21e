export interface ControllableStateOptions<T> {
  /** The parent's value. `undefined` leaves the value uncontrolled. */
  prop: T | undefined;
  /**
   * The uncontrolled value, read live on every render from whatever owns it (a store, the
   * server); `undefined` while the owner has not loaded it.
   */
  defaultProp: T | undefined;
  /** Told every requested value, controlled or not. */
  onChange?: (value: T) => void;
  /** Applies a requested value to the owner of `defaultProp`; only called while uncontrolled. */
  setUncontrolled: (value: T) => void;
}

/**
 * One value a parent may control (Radix's `useControllableState`, minus the local copy).
 * Controlled: the parent's `prop`, and a request only calls `onChange`: the parent decides.
 * Uncontrolled: `defaultProp`, changed through `setUncontrolled`. No copy is kept, so the
 * value can never drift from its owner (a rolled-back write shows at once).
 * @example
 * const [on, setOn] = useControllableState({ prop: checked, defaultProp: isMember, onChange, setUncontrolled: save });
 */
export function useControllableState<T>({
  prop,
  defaultProp,
  onChange,
  setUncontrolled,
}: ControllableStateOptions<T>): readonly [T | undefined, (value: T) => void] {
  const controlled = prop !== undefined;
  // Called from event handlers only, never from effects: a fresh function per render is fine.
  const setValue = (value: T) => {
    onChange?.(value);
    if (!controlled) setUncontrolled(value);
  };
  return [controlled ? prop : defaultProp, setValue] as const;
}

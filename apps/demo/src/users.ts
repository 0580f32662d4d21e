/** The people of the default mock scenario the demo can act as. */
export const DEMO_USERS = [
  { id: 'u_ada', name: 'Ada Lovelace' },
  { id: 'u_grace', name: 'Grace Hopper' },
  { id: 'u_alan', name: 'Alan Turing' },
] as const;

/**
 * The operators every mock scenario (and the server's demo seed) has, shown under the
 * console's sign-in form in mock mode. Passwords of seeded demo accounts, not keys.
 */
export function DemoAccounts() {
  return (
    <p>
      On the mocked API, sign in as <code>owner@groupkit.test</code>,{' '}
      <code>admin@groupkit.test</code> or <code>support@groupkit.test</code> with the password{' '}
      <code>groupkit-demo-password</code>.
    </p>
  );
}

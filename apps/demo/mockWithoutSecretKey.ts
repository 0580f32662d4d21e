import type { Plugin } from 'vite';

/** The mock's secret key, as its sources spell it (`@groupkit/mock-api` src/api/auth.ts). */
const MOCK_SECRET_KEY = 'sk_test_groupkit';
/**
 * What the browser's mock gets instead: a string with spaces, which no `Authorization:
 * Bearer <key>` header can carry, so the in-tab mock has no secret key anyone could send.
 * It still signs identity-verification hashes (the `verified` scenario) on both sides alike.
 */
const NO_KEY = 'no secret key in browser builds';

/**
 * Keeps the mock's secret key out of the demo's browser bundles. The console signs in with
 * an operator session, so nothing in the browser sends the key; but `@groupkit/mock-api`
 * spells it in the module that checks keys, which the mock chunk bundles. Until the mock
 * can be given its keys (see the report on issue #16), this swaps the literal in the mock's
 * modules, and the e2e check asserts that no chunk of the build contains `sk_test`.
 */
export function mockWithoutSecretKey(): Plugin {
  return {
    name: 'groupkit-demo:mock-without-secret-key',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/](packages[\\/]mock-api|@groupkit[\\/]mock-api)[\\/]/.test(id)) return null;
      if (!code.includes(MOCK_SECRET_KEY)) return null;
      return { code: code.replaceAll(MOCK_SECRET_KEY, NO_KEY), map: null };
    },
  };
}

import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('react');
  vi.resetModules();
});

function forbidReact() {
  vi.resetModules();
  vi.doMock('react', () => {
    throw new Error('@groupkit/client must not import react');
  });
}

it('works with React unavailable: @groupkit/client never imports it', async () => {
  forbidReact();
  const { createGroupKitClient } = await import('../index');
  const client = createGroupKitClient({
    apiKey: 'pk_test_groupkit',
    fetch: async () => Response.json({ data: [{ slug: 'pro' }] }),
  });
  await expect(client.listMemberships('u_ada')).resolves.toEqual([{ slug: 'pro' }]);
});

it('works with React unavailable: @groupkit/client/admin never imports it', async () => {
  forbidReact();
  const { createGroupKitAdminClient } = await import('../admin');
  const admin = createGroupKitAdminClient({
    apiKey: 'sk_test_groupkit',
    fetch: async () => Response.json({ data: [{ id: 'a_1' }] }),
  });
  await expect(admin.listAutomations()).resolves.toEqual([{ id: 'a_1' }]);
});

it('works with React unavailable: @groupkit/client/console never imports it', async () => {
  forbidReact();
  const { createGroupKitConsoleClient } = await import('../console');
  const dashboard = createGroupKitConsoleClient({
    fetch: async () => Response.json({ data: [{ id: 'op_1' }] }),
  });
  await expect(dashboard.listOperators()).resolves.toEqual([{ id: 'op_1' }]);
});

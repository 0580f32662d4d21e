import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('react');
  vi.resetModules();
});

it('works with React unavailable: @groupkit/client never imports it', async () => {
  vi.resetModules();
  vi.doMock('react', () => {
    throw new Error('@groupkit/client must not import react');
  });
  const { createGroupKitClient } = await import('../index');
  const client = createGroupKitClient({
    apiKey: 'pk_test_groupkit',
    fetch: async () => Response.json({ data: [{ slug: 'pro' }] }),
  });
  await expect(client.listMemberships('u_ada')).resolves.toEqual([{ slug: 'pro' }]);
});

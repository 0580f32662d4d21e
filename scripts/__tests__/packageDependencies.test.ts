import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = (dir: string) =>
  JSON.parse(
    readFileSync(new URL(`../../packages/${dir}/package.json`, import.meta.url), 'utf8'),
  ) as {
    name: string;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };

// What an app installs with GroupKit is our own code plus the peers it already has: no
// third-party runtime dependency can bring a vulnerability in (the registry here cannot run
// `npm audit`, so this is the check that holds everywhere).
describe('published packages', () => {
  it.each(['client', 'react', 'widgets', 'mock-api'])(
    '@groupkit/%s depends at runtime on GroupKit packages only',
    (dir) => {
      const { dependencies = {} } = manifest(dir);
      expect(Object.keys(dependencies).filter((name) => !name.startsWith('@groupkit/'))).toEqual(
        [],
      );
    },
  );

  it('@groupkit/server (deployed, never bundled into an app) pins every runtime dependency exactly', () => {
    const { dependencies = {} } = manifest('server');
    const ranges = Object.entries(dependencies).filter(
      ([, version]) => !/^\d+\.\d+\.\d+$/.test(version),
    );
    expect(ranges).toEqual([]);
    // The browser-facing packages it reuses are ours; MSW never reaches the server.
    expect(Object.keys(dependencies)).not.toContain('msw');
  });

  it('React packages take React, zustand and TanStack Query as peers, never as dependencies', () => {
    for (const dir of ['react', 'widgets']) {
      expect(Object.keys(manifest(dir).peerDependencies ?? {}).sort()).toEqual([
        '@tanstack/react-query',
        'react',
        'react-dom',
        'zustand',
      ]);
    }
  });
});

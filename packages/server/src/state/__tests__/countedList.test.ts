import { describe, expect, it } from 'vitest';
import { countedList } from '../countedList';

const ada = { userId: 'u_ada', at: '2026-01-01T00:00:00.000Z' };
const alan = { userId: 'u_alan', at: '2026-01-02T00:00:00.000Z' };

describe('countedList', () => {
  it('counts every item, loaded or not, and what the request adds', () => {
    const list = countedList([ada], 50, 'the redemptions of "VIP"');
    expect(list.length).toBe(50);
    list.push(alan);
    expect(list.length).toBe(51);
  });

  it('answers some and filter from the loaded and added items', () => {
    const list = countedList([ada], 50, 'the redemptions of "VIP"');
    expect(list.some((r) => r.userId === 'u_ada')).toBe(true);
    expect(list.some((r) => r.userId === 'u_alan')).toBe(false);
    list.push(alan);
    expect(list.filter((r) => r.userId !== 'u_ada')).toEqual([alan]);
  });

  it('writes as JSON only the items it holds, not a null per item it never loaded', () => {
    const list = countedList([ada], 100_000, 'the redemptions of "VIP"');
    list.push(alan);
    expect(JSON.stringify({ redemptions: list })).toBe(
      JSON.stringify({ redemptions: [ada, alan] }),
    );
  });

  it('refuses to be read whole: iterating, indexing or sorting would answer from a part', () => {
    const list = countedList([ada], 50, 'the redemptions of "VIP"');
    expect(() => [...list]).toThrow(
      /state not loaded: every item of the redemptions of "VIP" \(only 1 of 50/,
    );
    expect(() => list[0]).toThrow(/state not loaded/);
    expect(() => list.map((r) => r.userId)).toThrow(/state not loaded/);
    expect(() => [...list].sort()).toThrow(/state not loaded/);
  });

  it('is whole when everything was loaded: the same answers as a plain list', () => {
    const list = countedList([ada, alan], 2, 'the redemptions of "BETA"');
    expect(list.length).toBe(2);
    expect(list.some((r) => r.userId === 'u_alan')).toBe(true);
    expect(JSON.parse(JSON.stringify(list))).toEqual([ada, alan]);
  });
});

import { describe, expect, it } from 'vitest';
import { createAdmissionGate } from '../admissionGate';

describe('createAdmissionGate', () => {
  it('hands out its places, then queues first come, first served', async () => {
    const gate = createAdmissionGate(2);
    const first = await gate.enter();
    const second = await gate.enter();
    expect([gate.running, gate.waiting]).toEqual([2, 0]);
    const order: string[] = [];
    const third = gate.enter().then((release) => (order.push('third'), release));
    const fourth = gate.enter().then((release) => (order.push('fourth'), release));
    expect(gate.waiting).toBe(2);
    second?.();
    (await third)?.();
    (await fourth)?.();
    expect(order).toEqual(['third', 'fourth']);
    first?.();
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  it('gives up after the timeout holding nothing, and a place freed later goes to the next', async () => {
    const gate = createAdmissionGate(1);
    const held = await gate.enter();
    expect(await gate.enter(5)).toBeNull();
    expect(gate.waiting).toBe(0);
    const next = gate.enter(10_000);
    held?.();
    const release = await next;
    expect(release).toBeTypeOf('function');
    expect(gate.running).toBe(1);
    release?.();
    expect(gate.running).toBe(0);
  });

  it('frees a place once however often its release is called', async () => {
    const gate = createAdmissionGate(1);
    const release = await gate.enter();
    const waiter = gate.enter();
    release?.();
    const other = await waiter;
    release?.();
    // The waiter's place is still its own: a third caller must wait.
    expect(await gate.enter(5)).toBeNull();
    other?.();
    expect(gate.running).toBe(0);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      expect(() => createAdmissionGate(limit)).toThrowError(TypeError);
    }
  });
});

import type { AuditEntry } from '@groupkit/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { actorName } from '../auditActor';
import { AuditEntryRow } from '../AuditEntryRow';

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: 'e1',
  seq: 1,
  at: '2026-11-23T12:00:00.000Z',
  actor: { type: 'cli' },
  action: 'groupkit-server admins create',
  target: { type: 'operator', id: 'op_new' },
  request: { email: 'ops@example.com', role: 'owner' },
  before: null,
  after: { operator: { id: 'op_new', email: 'ops@example.com', role: 'owner' } },
  ...overrides,
});

/** The row's cells as text, as the audit log page shows them. */
function cells(row: AuditEntry): string[] {
  const html = renderToStaticMarkup(
    <table>
      <tbody>
        <AuditEntryRow entry={row} />
      </tbody>
    </table>,
  );
  return [...html.matchAll(/<(?:td|th)\b[^>]*>(.*?)<\/(?:td|th)>/gs)].map(([, inner = '']) =>
    inner
      .replace(/<[^>]+>/g, '')
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

describe('who an audit entry names', () => {
  it('the command line, in words, with what it did and to whom', () => {
    const [, actor, action, target] = cells(entry({}));
    expect(actor).toBe('Command line');
    expect(action).toBe('Added an operator groupkit-server admins create');
    expect(target).toBe('operator ops@example.com op_new');
  });

  it('an API key made on the command line, by its prefix (never the key)', () => {
    const key = { id: 'pk_1', kind: 'publishable', prefix: 'pk_live_abcd', createdAt: '' };
    const [, actor, action, target] = cells(
      entry({
        action: 'groupkit-server keys create',
        target: { type: 'api_key', id: 'pk_1' },
        request: { project: 'acme' },
        after: { key },
      }),
    );
    expect([actor, action, target]).toEqual([
      'Command line',
      'Created an API key groupkit-server keys create',
      'API key pk_live_abcd pk_1',
    ]);
  });

  it('operators by email, keys by id, anything else as unknown', () => {
    expect(actorName({ type: 'operator', operatorId: 'op_a', email: 'a@example.com' })).toBe(
      'a@example.com',
    );
    expect(actorName({ type: 'key', keyId: 'sk_test' })).toBe('API key sk_test');
    expect(actorName({ type: 'cli' })).toBe('Command line');
    expect(actorName(undefined)).toBeNull();
    expect(cells(entry({ actor: { type: 'robot' } as never }))[1]).toBe('unknown');
  });
});

import { describe, expect, it } from 'vitest';
import { createGroupsEngine } from '../engine/createGroupsEngine';
import { csvField, toCsv } from '../engine/csv';
import { isGroupsEngineError } from '../engine/errors';
import { createSeedBuilder } from '../scenarios/build';
import type { Scenario } from '../scenarios/types';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['Smith, John', '"Smith, John"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['windows\r\nline', '"windows\r\nline"'],
    ["O'Brien", "O'Brien"],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    ['=SUM(1)', "'=SUM(1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['=SUM(1,2)', `"'=SUM(1,2)"`],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['a=b', 'a=b'],
    ['x-1', 'x-1'],
  ])('guards %j against formula injection as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    [';', 'a;b', '"a;b"'],
    [';', 'a,b', 'a,b'],
    ['|', 'a|b', '"a|b"'],
    ['|', 'a,b', 'a,b'],
    ['\t', 'a\tb', '"a\tb"'],
    ['\t', 'a,b', 'a,b'],
  ] as const)('with delimiter %j quotes %j only when it holds the delimiter', (d, value, out) => {
    expect(csvField(value, d)).toBe(out);
  });
});

describe('toCsv', () => {
  it('ends every record, the last included, with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('a,b\r\nc,d\r\n');
    expect(toCsv([])).toBe('');
  });

  it('keeps newlines inside a quoted field, so the record count stays right', () => {
    expect(toCsv([['x\r\ny', 'z']], ';')).toBe('"x\r\ny";z\r\n');
  });
});

/** A group whose members have names a naive CSV writer gets wrong. */
const tricky: Scenario = (context) => {
  const b = createSeedBuilder(context);
  const group = b.userGroup({ slug: 'tricky', name: 'Tricky' });
  const user = (id: string, username: string, firstname: string, lastname: string, email: string) =>
    b.user({ id, username, firstname, lastname, email });
  const users = [
    user('u_1', 'john', 'John', 'Smith, Jr.', 'john@example.com'),
    user('u_2', 'rock', 'Dwayne "The Rock"', 'Johnson', 'rock@example.com'),
    user('u_3', 'nguyen', 'Multi\nLine', 'Nguyen', 'nguyen@example.com'),
    user('u_4', 'ortiz', '=SUM(1)', 'Ortiz', '@x'),
    user('u_5', '-1', '+1', 'Park', 'park@example.com'),
    user('u_6', 'quinn', 'Carriage\rReturn', 'Quinn|Roe', 'q;r@example.com'),
    user('u_7', 'tab', 'Crlf\r\nName', 'Tab\tSmith', 'tab@example.com'),
  ];
  return {
    identityVerification: false,
    accountGroups: [],
    users,
    userGroups: [group],
    memberships: users.map((u) => b.membership(u.id, group)),
    codes: [],
    automations: [],
  };
};

const exportOf = (
  query: Parameters<ReturnType<typeof createGroupsEngine>['exportUserGroupMembers']>[1] = {},
) => createGroupsEngine({ scenario: tricky }).exportUserGroupMembers('tricky', query);
/** Records: splits on the CRLFs outside quotes (an even number of `"` follows them). */
const lines = (csv: string) => csv.split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/);

describe('exporting members', () => {
  it('writes a header and every column, RFC 4180 quoted and formula-guarded, by last name', () => {
    const { filename, csv } = exportOf();
    expect(filename).toBe('tricky-users.csv');
    expect(csv).toBe(
      [
        'userid,firstname,lastname,email',
        'rock,"Dwayne ""The Rock""",Johnson,rock@example.com',
        'nguyen,"Multi\nLine",Nguyen,nguyen@example.com',
        "ortiz,'=SUM(1),Ortiz,'@x",
        "'-1,'+1,Park,park@example.com",
        'quinn,"Carriage\rReturn",Quinn|Roe,q;r@example.com',
        'john,John,"Smith, Jr.",john@example.com',
        'tab,"Crlf\r\nName",Tab\tSmith,tab@example.com',
      ]
        .map((line) => `${line}\r\n`)
        .join(''),
    );
  });

  it('separates with ";" and quotes what holds one', () => {
    const rows = lines(exportOf({ delimiter: ';' }).csv);
    expect(rows[0]).toBe('userid;firstname;lastname;email');
    expect(rows[5]).toBe('quinn;"Carriage\rReturn";Quinn|Roe;"q;r@example.com"');
    expect(rows[6]).toBe('john;John;Smith, Jr.;john@example.com');
  });

  it('separates with "|" and quotes what holds one', () => {
    const rows = lines(exportOf({ delimiter: '|' }).csv);
    expect(rows[5]).toBe('quinn|"Carriage\rReturn"|"Quinn|Roe"|q;r@example.com');
    expect(rows[6]).toBe('john|John|Smith, Jr.|john@example.com');
  });

  it('separates with a tab for delimiter=tab and quotes what holds one', () => {
    const rows = lines(exportOf({ delimiter: 'tab' }).csv);
    expect(rows[0]).toBe('userid\tfirstname\tlastname\temail');
    expect(rows[7]).toBe('tab\t"Crlf\r\nName"\t"Tab\tSmith"\ttab@example.com');
  });

  it('leaves the header out with include_header=false', () => {
    const { csv } = exportOf({ include_header: 'false' });
    expect(csv.startsWith('rock,')).toBe(true);
    expect(lines(csv)).toHaveLength(8); // 7 records and the empty string after the last CRLF
  });

  it('switches columns off with false or 0, keeping the order of the rest', () => {
    expect(lines(exportOf({ firstname: 'false', userid: '0', email: 'false' }).csv)).toEqual([
      'lastname',
      'Johnson',
      'Nguyen',
      'Ortiz',
      'Park',
      'Quinn|Roe',
      '"Smith, Jr."',
      'Tab\tSmith',
      '',
    ]);
    expect(
      lines(exportOf({ userid: '1', firstname: 'true', lastname: '0', email: '0' }).csv)[1],
    ).toBe('rock,"Dwayne ""The Rock"""');
  });

  it('exports only a header for a group with no members', () => {
    const engine = createGroupsEngine();
    expect(engine.exportUserGroupMembers('staff').csv).toBe('userid,firstname,lastname,email\r\n');
    expect(engine.exportUserGroupMembers('staff', { include_header: '0' }).csv).toBe('');
  });

  it.each([
    [{ userid: 'yes' }, 'userid'],
    [{ email: 'TRUE' }, 'email'],
    [{ include_header: '2' }, 'include_header'],
    [{ delimiter: ':' }, 'delimiter'],
    [{ delimiter: '\t' }, 'delimiter'],
    [{ userid: 'false', firstname: 'false', lastname: 'false', email: 'false' }, 'columns'],
  ])('refuses %o with validation_failed naming %s', (query, field) => {
    try {
      exportOf(query);
    } catch (error) {
      expect(isGroupsEngineError(error) && [error.code, error.details.field]).toEqual([
        'validation_failed',
        field,
      ]);
      return;
    }
    throw new Error('expected a validation error');
  });
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const checker = fileURLToPath(new URL('../check-size.mjs', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Runs `npm run size` on a fixture budgets file; fixtures measure node_modules and the demo's sources, so no build is needed. */
async function checkSize(budgets: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      checker,
      '--budgets',
      fixture(budgets),
    ]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('scripts/check-size.mjs', () => {
  it('fails, naming the entry and by how much, when a budget is exceeded', async () => {
    const { code, output } = await checkSize('tiny.budgets.json');
    expect(code).not.toBe(0);
    expect(output).toContain('size check FAILED');
    expect(output).toMatch(
      /"fixture: zustand create in 10 bytes" is [\d.]+ kB gzip, over its 0\.01 kB budget by/,
    );
  });

  it('passes within budget', async () => {
    const { code, output } = await checkSize('generous.budgets.json');
    expect(code).toBe(0);
    expect(output).toMatch(/fixture: zustand create in 100 kB\s+[\d.]+ kB\s+100\.00 kB\s+ok/);
    expect(output).toContain('size check passed.');
  });

  it('counts what loads up front: code behind import() is reported on demand, outside the budget', async () => {
    const { code, output } = await checkSize('lazy.budgets.json');
    expect(code).toBe(0);
    const row =
      /zustand behind import\(\) in 0\.1 kB\s+([\d.]+) kB\s+0\.10 kB\s+ok \(\d+%\) \+ ([\d.]+) kB on demand/.exec(
        output,
      );
    expect(row).not.toBeNull();
    // The up-front entry is a few bytes; zustand's vanilla store, fetched when called, is not.
    expect(Number(row?.[1])).toBeLessThan(0.1);
    expect(Number(row?.[2])).toBeGreaterThan(0.2);
  });

  it('fails, naming the budget and the export, when an entry names an export that is gone', async () => {
    const { code, output } = await checkSize('missing-export.budgets.json');
    expect(code).not.toBe(0);
    expect(output).toContain('MISSING: export NotShippedYet (zustand) not found');
    expect(output).toContain('size check FAILED');
    expect(output).toContain('"fixture: an export that is gone" measures nothing');
  });

  it('fails, naming the module, when the demo build bundles a forbidden one', async () => {
    const { code, output } = await checkSize('demo-forbids-scheduler.budgets.json');
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /node_modules\/scheduler\/\S+ {2}\(matches "node_modules\/scheduler\/"\)/,
    );
    expect(output).toContain('The demo pointed at a real API bundles');
  }, 60_000);
});

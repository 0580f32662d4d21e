// Where the tests find Chromium. Debian's package; npm cannot download browsers on our machines.
import { existsSync } from 'node:fs';

/** Override with GROUPKIT_CHROMIUM=/path/to/chrome (e.g. on macOS). */
export const chromiumPath = process.env.GROUPKIT_CHROMIUM || '/usr/bin/chromium';

/** Flags that work as root on a closed network (no sandbox, no background traffic). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumMissingMessage() {
  return existsSync(chromiumPath)
    ? null
    : `GroupKit tests need Chromium at ${chromiumPath}: install it with "apt-get install -y chromium" (Debian/Ubuntu) or set GROUPKIT_CHROMIUM to your Chrome/Chromium binary.`;
}

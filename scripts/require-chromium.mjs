// `npm test` runs this first: without Chromium the browser, Storybook and end-to-end
// projects cannot run, and we fail loudly rather than skip them.
import { chromiumMissingMessage } from './chromium.mjs';

const message = chromiumMissingMessage();
if (message) {
  console.error(message);
  process.exit(1);
}

import { version } from 'react';
import { version as domVersion } from 'react-dom';

// Fails the whole project if the alias ever stops working: these runs must really be React 18.
if (!version.startsWith('18.') || !domVersion.startsWith('18.')) {
  throw new Error(`dom-react18 runs React ${version} / react-dom ${domVersion}, expected 18.x`);
}

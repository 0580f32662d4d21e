import { JSDOM } from 'jsdom';

/**
 * Gives this Node process a browser-like global DOM (jsdom) so react-dom can render.
 * Call it before importing React or React Query: React Query decides at import time whether
 * it runs on a server. Globals Node already has (fetch, Request, AbortController, …) are
 * kept, so MSW's node interceptor sees every request the SDK sends.
 */
export function installDom() {
  if (globalThis.document) return;
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'https://app.example.test/',
    pretendToBeVisual: true,
  });
  const nodeOwn = new Set(Object.getOwnPropertyNames(globalThis));
  for (const key of Object.getOwnPropertyNames(window)) {
    if (nodeOwn.has(key) || key.startsWith('_')) continue;
    Object.defineProperty(globalThis, key, {
      value: window[key],
      configurable: true,
      writable: true,
    });
  }
}

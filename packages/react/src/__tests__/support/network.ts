/**
 * Takes the browser offline or back online as a user's network would: `navigator.onLine`
 * answers so, and the window hears `offline` or `online`. Tests that call it set it back
 * with `afterEach(() => setOnline(true))`.
 */
export function setOnline(online: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

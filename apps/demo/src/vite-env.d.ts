/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of a real groups API; unset, the demo runs on the MSW mock. */
  readonly VITE_GROUPKIT_BASE_URL?: string;
  /**
   * Where the console's hash routes start: `#/admin` in the demo (default), `#` in the
   * console built on its own for the server's `/admin/` (set by vite.console.config.ts).
   */
  readonly VITE_GROUPKIT_CONSOLE_ROOT?: string;
}

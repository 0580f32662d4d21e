/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of a real groups API; unset, the demo runs on the MSW mock. */
  readonly VITE_GROUPKIT_BASE_URL?: string;
}

import type { EngineState } from './state';

/** Code campaigns and redemption. */
export function createCodesApi(_state: EngineState) {
  return {};
}

import type { Call } from './call';
import type { RequestOptions } from './request';
import type { ProjectSettings, ProjectUpdate } from './types';

/**
 * The project's settings (secret key only): what browsers may write, identity
 * verification. A change applies from the next request on, without reseeding or restarting.
 */
export function projectAdminMethods(call: Call) {
  return {
    /**
     * `GET /v1/project`: which account-group properties a publishable key may write, and
     * whether identity verification is on.
     * @example const { clientWritableProperties } = await admin.getProject()
     */
    getProject({ signal }: RequestOptions = {}) {
      return call<ProjectSettings>('GET', '/project', { signal });
    },

    /**
     * `PATCH /v1/project`: changes the settings given and answers all of them. Names in
     * `clientWritableProperties` are top-level keys (allowing `onboarding` allows any value
     * under it): at most 100, unique, 1..100 characters each.
     * @example await admin.updateProject({ clientWritableProperties: ['onboarding', 'theme'] })
     * @example await admin.updateProject({ identityVerification: true })
     */
    updateProject(patch: ProjectUpdate, { signal }: RequestOptions = {}) {
      return call<ProjectSettings>('PATCH', '/project', { body: patch, signal });
    },
  };
}

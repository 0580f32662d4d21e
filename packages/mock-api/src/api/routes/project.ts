import { jsonResponse } from '../respond';
import type { ApiRoute } from '../routeTypes';

/**
 * The project's settings (secret key only): operators change what browsers may write, or
 * turn identity verification on, without reseeding. A change holds the whole project alone
 * (no `serializeOn`): every request of the project reads these settings.
 */
export const projectRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/project',
    access: 'secret',
    async handle({ engine, load }) {
      await load({});
      return jsonResponse(engine.getProject());
    },
  },
  {
    method: 'PATCH',
    path: '/project',
    access: 'secret',
    // Identity verification and what browsers may write guard every user: owners only.
    role: 'owner',
    async handle({ engine, load, readJson }) {
      const body = await readJson();
      await load({});
      return jsonResponse(engine.updateProject(body));
    },
  },
];

import type { ApiRoute } from '../routeTypes';
import { automationRoutes } from './automations';
import { codeRoutes } from './codes';
import { flowRoutes } from './flows';
import { operatorRoutes } from './operators';
import { projectRoutes } from './project';
import { sessionRoutes } from './session';
import { userGroupRoutes } from './userGroups';
import { userRoutes } from './users';

/**
 * Every endpoint of the groups API, in matching order (codes before the generic user-group
 * routes: routers answer with the first route that matches).
 */
export const apiRoutes: readonly ApiRoute[] = [
  ...sessionRoutes,
  ...codeRoutes,
  ...userRoutes,
  ...automationRoutes,
  ...projectRoutes,
  ...operatorRoutes,
  ...flowRoutes,
  ...userGroupRoutes,
];

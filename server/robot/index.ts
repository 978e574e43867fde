/** Robot (self-service) witness: customer and staff routes for `server/api.ts`. */
import type { RouteDef } from '../http/route.ts';
import { robotCustomerRoutes } from './customer-routes.ts';
import { robotStaffRoutes } from './staff-routes.ts';

export { ingestRobotRecords } from './ingest.ts';

export const robotRoutes: RouteDef[] = [...robotCustomerRoutes, ...robotStaffRoutes];

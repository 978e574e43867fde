/** Witness bookings: routes for customers and agents, the scheduler, notifications. */
import type { RouteDef } from '../http/route.ts';
import { agentRoutes } from './agent-routes.ts';
import { caseRoutes } from './case-routes.ts';
import { customerBookingRoutes } from './customer-routes.ts';

export { bookingTick, startBookingScheduler } from './scheduler.ts';
export { ensureVapidKeys, WebPushSender } from './push.ts';
export { DevSms, maskPhone, type SmsAdapter, type PushSender } from './notify.ts';
export type { WitnessDeps, CredentialIssuer } from './deps.ts';

export const bookingRoutes: RouteDef[] = [...customerBookingRoutes, ...agentRoutes, ...caseRoutes];

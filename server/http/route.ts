/**
 * The route table: every API route is declared once with its access rule and zod schemas. The
 * same table mounts the routes, generates `GET /api/openapi.json`, drives the fuzz test and the
 * authz matrix test — so a route cannot exist without a rule.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Access, Principal } from '../auth/roles.ts';
import type { CoreDeps } from '../deps.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteContext<B> {
	c: Context;
	deps: CoreDeps;
	principal: Principal;
	params: Record<string, string>;
	body: B;
	query: Record<string, string>;
}

export interface RouteDef<S extends z.ZodType = z.ZodType> {
	method: Method;
	/** Hono path syntax, e.g. `/api/applications/:id`. */
	path: string;
	operationId: string;
	summary: string;
	access: Access;
	/** JSON request body schema; omitted for body-less routes. */
	body?: S;
	/** Query-string schema (all strings). */
	query?: z.ZodType;
	/** Headers the route reads, for the OpenAPI document. */
	headers?: readonly { name: string; required: boolean; description: string }[];
	/** Response schema of the success case, for the OpenAPI document. */
	response?: z.ZodType;
	/** Success status (default 200). */
	status?: number;
	/** Non-JSON success body, e.g. `application/pdf`. */
	produces?: string;
	handler(ctx: RouteContext<z.infer<S>>): Promise<Response>;
}

/** Identity helper that keeps the body type of each route. */
export function defineRoute<S extends z.ZodType>(def: RouteDef<S>): RouteDef {
	return def as unknown as RouteDef;
}

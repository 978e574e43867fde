/**
 * The OpenAPI 3.0 document, generated from the route table's zod schemas (zod 4's own
 * `toJSONSchema`, no extra dependency): every route, its access rule, body, query and headers.
 */
import { z } from 'zod';
import type { RouteDef } from './route.ts';

const ERROR = {
	type: 'object',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} }
		}
	}
};

function schema(s: z.ZodType, io: 'input' | 'output'): unknown {
	return z.toJSONSchema(s, { target: 'openapi-3.0', io, unrepresentable: 'any' });
}

/** Hono `/a/:id/b` → OpenAPI `/a/{id}/b`. */
export function openApiPath(path: string): string {
	return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

export function buildOpenApi(
	routes: readonly RouteDef[],
	version: string
): Record<string, unknown> {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const r of routes) {
		const params: unknown[] = [...r.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
			name: m[1],
			in: 'path',
			required: true,
			schema: { type: 'string' }
		}));
		for (const h of r.headers ?? [])
			params.push({
				name: h.name,
				in: 'header',
				required: h.required,
				description: h.description,
				schema: { type: 'string' }
			});
		if (r.query) {
			const q = schema(r.query, 'input') as {
				properties?: Record<string, unknown>;
				required?: string[];
			};
			for (const [name, s] of Object.entries(q.properties ?? {}))
				params.push({
					name,
					in: 'query',
					required: q.required?.includes(name) ?? false,
					schema: s
				});
		}
		const status = String(r.status ?? 200);
		const ok = r.produces
			? {
					description: 'OK',
					content: { [r.produces]: { schema: { type: 'string', format: 'binary' } } }
				}
			: {
					description: 'OK',
					content: {
						'application/json': { schema: r.response ? schema(r.response, 'output') : {} }
					}
				};
		const security =
			r.access.kind === 'public'
				? []
				: r.access.kind === 'customer'
					? [{ capabilityToken: [] }]
					: [{ staffSession: [] }];
		(paths[openApiPath(r.path)] ??= {})[r.method] = {
			operationId: r.operationId,
			summary: r.summary,
			'x-access': r.access,
			security,
			parameters: params,
			...(r.body
				? {
						requestBody: {
							required: true,
							content: { 'application/json': { schema: schema(r.body, 'input') } }
						}
					}
				: {}),
			responses: {
				[status]: ok,
				'4XX': { description: 'Client error', content: { 'application/json': { schema: ERROR } } }
			}
		};
	}
	return {
		openapi: '3.0.3',
		info: { title: 'Kaihu API', version },
		components: {
			securitySchemes: {
				staffSession: { type: 'apiKey', in: 'cookie', name: 'kaihu_session' },
				capabilityToken: { type: 'http', scheme: 'bearer' }
			},
			schemas: { Error: ERROR }
		},
		paths
	};
}

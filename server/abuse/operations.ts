/**
 * The operations the fuzzer drives: every operation of `GET /api/openapi.json`, plus the intake
 * routes that live outside the table (records, blob lookup, tus), described the same way.
 */
import { z } from 'zod';
import { recordSchema } from '../intake/records.ts';
import type { JsonSchema } from './values.ts';

export type Access = { kind: 'public' } | { kind: 'customer' } | { kind: 'staff'; roles: string[] };

export interface Operation {
	operationId: string;
	method: string;
	/** OpenAPI path, e.g. `/api/applications/{id}`. */
	path: string;
	access: Access;
	pathParams: string[];
	query: { name: string; schema: JsonSchema }[];
	headers: string[];
	body?: JsonSchema;
	/** tus endpoints speak their own protocol (headers, octet-stream bodies). */
	tus?: true;
}

interface OpenApiDoc {
	paths: Record<
		string,
		Record<
			string,
			{
				operationId: string;
				'x-access': Access;
				parameters: { name: string; in: string; schema: JsonSchema }[];
				requestBody?: { content: Record<string, { schema: JsonSchema }> };
			}
		>
	>;
}

/** Every operation of an OpenAPI document (as `server/http/openapi.ts` builds it). */
export function operationsOf(doc: unknown): Operation[] {
	const ops: Operation[] = [];
	for (const [path, methods] of Object.entries((doc as OpenApiDoc).paths))
		for (const [method, op] of Object.entries(methods))
			ops.push({
				operationId: op.operationId,
				method: method.toUpperCase(),
				path,
				access: op['x-access'],
				pathParams: op.parameters.filter((p) => p.in === 'path').map((p) => p.name),
				query: op.parameters
					.filter((p) => p.in === 'query')
					.map((p) => ({ name: p.name, schema: p.schema })),
				headers: op.parameters.filter((p) => p.in === 'header').map((p) => p.name),
				body: op.requestBody?.content['application/json']?.schema
			});
	return ops;
}

const PUBLIC: Access = { kind: 'public' };
const base = { access: PUBLIC, pathParams: [], query: [], headers: [] };

/** The intake routes (`server/intake/`), which the OpenAPI document does not describe. */
export const INTAKE_OPERATIONS: Operation[] = [
	{
		...base,
		operationId: 'intake.postRecord',
		method: 'POST',
		path: '/api/records',
		body: z.toJSONSchema(recordSchema, { target: 'openapi-3.0', io: 'input' }) as JsonSchema
	},
	{
		...base,
		operationId: 'intake.blob',
		method: 'GET',
		path: '/api/blobs/{sha256}',
		pathParams: ['sha256']
	},
	{ ...base, operationId: 'tus.options', method: 'OPTIONS', path: '/api/uploads', tus: true },
	{ ...base, operationId: 'tus.create', method: 'POST', path: '/api/uploads', tus: true },
	{
		...base,
		operationId: 'tus.head',
		method: 'HEAD',
		path: '/api/uploads/{upload}',
		pathParams: ['upload'],
		tus: true
	},
	{
		...base,
		operationId: 'tus.patch',
		method: 'PATCH',
		path: '/api/uploads/{upload}',
		pathParams: ['upload'],
		tus: true
	},
	{
		...base,
		operationId: 'tus.delete',
		method: 'DELETE',
		path: '/api/uploads/{upload}',
		pathParams: ['upload'],
		tus: true
	}
];

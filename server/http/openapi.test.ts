import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../api.ts';
import { createApp } from '../app.ts';
import { openStorage, type Storage } from '../storage/index.ts';
import { openApiPath } from './openapi.ts';

let storage: Storage;
beforeAll(async () => {
	storage = await openStorage({ dataDir: ':memory:' });
});
afterAll(async () => storage.close());

describe('GET /api/openapi.json', () => {
	it('documents every route of the table with its access rule and request schema', async () => {
		const app = createApp({ storage, version: '1.2.3', core: { log: () => {} } });
		const res = await app.request('/api/openapi.json');
		expect(res.status).toBe(200);
		const doc = (await res.json()) as {
			openapi: string;
			info: { version: string };
			paths: Record<
				string,
				Record<string, { operationId: string; 'x-access': unknown; requestBody?: unknown }>
			>;
		};
		expect(doc.openapi).toBe('3.0.3');
		expect(doc.info.version).toBe('1.2.3');
		for (const r of apiRoutes('1.2.3')) {
			const op = doc.paths[openApiPath(r.path)]?.[r.method];
			expect(op?.operationId, `${r.method} ${r.path}`).toBe(r.operationId);
			expect(op?.['x-access']).toEqual(r.access);
			expect(op?.requestBody !== undefined).toBe(r.body !== undefined);
		}
		const submit = doc.paths['/api/applications/{id}/submit']?.post as unknown as {
			requestBody: {
				content: { 'application/json': { schema: { properties: Record<string, unknown> } } };
			};
		};
		expect(Object.keys(submit.requestBody.content['application/json'].schema.properties)).toEqual(
			expect.arrayContaining(['applicant', 'bankCard', 'kyc', 'signaturePng'])
		);
	});
});

/** The reviewer console's routes (reviewer and admin; every read is audited). */
import { z } from 'zod';
import { APPLICATION_STATES } from '../../src/lib/domain/application.ts';
import { REVIEW_CATEGORIES, reviewCategory } from '../../src/lib/domain/review.ts';
import { appendAudit } from '../audit/log.ts';
import type { Principal } from '../auth/roles.ts';
import { loadApplication } from '../applications/store.ts';
import { ApiError } from '../http/errors.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { applicationFiles, applicationHistory, reviewQueue, sniffType } from './queries.ts';

const REVIEWERS = ['reviewer', 'admin'] as const;
const uuid = z.string().uuid();

function actor(p: Principal): string {
	return p.kind === 'staff' ? `staff:${p.staffId}` : 'system';
}

function uuidParam(value: string | undefined, what: string): string {
	const r = uuid.safeParse(value);
	if (!r.success) throw new ApiError(404, 'not_found', `No such ${what} / 记录不存在`);
	return r.data;
}

const score = z.number().nullable();
const queueItem = z.object({
	id: z.string(),
	state: z.enum(APPLICATION_STATES),
	reason: z.string().nullable(),
	category: z.enum(REVIEW_CATEGORIES).nullable(),
	maskedName: z.string().nullable(),
	risk: z.string().nullable(),
	registryResult: z.string().nullable(),
	faceScore: score,
	clientFaceScore: score,
	updatedAt: z.string()
});
const fileOut = z.object({
	id: z.string(),
	kind: z.string(),
	label: z.string().nullable(),
	sha256: z.string(),
	available: z.boolean(),
	createdAt: z.string(),
	purgedAt: z.string().nullable()
});
const detailOut = z.object({
	id: z.string(),
	state: z.enum(APPLICATION_STATES),
	reason: z.string().nullable(),
	category: z.enum(REVIEW_CATEGORIES).nullable(),
	risk: z.string().nullable(),
	registryResult: z.string().nullable(),
	faceScore: score,
	clientFaceScore: score,
	formSha256: z.string().nullable(),
	kyc: z.record(z.string(), z.string()).nullable(),
	pii: z.unknown(),
	files: z.array(fileOut),
	history: z.array(
		z.object({
			seq: z.number(),
			at: z.string(),
			actor: z.string(),
			action: z.string(),
			detail: z.record(z.string(), z.unknown())
		})
	),
	account: z.object({ accountNumber: z.string(), accountClass: z.string() }).nullable()
});

export const reviewRoutes: RouteDef[] = [
	defineRoute({
		method: 'get',
		path: '/api/review/queue',
		operationId: 'reviewQueue',
		summary: 'Reviewer: applications waiting for a human, with why (masked names only)',
		access: { kind: 'staff', roles: REVIEWERS },
		response: z.object({ items: z.array(queueItem) }),
		async handler({ c, deps, principal }) {
			const items = await reviewQueue(deps.storage.db, deps.cipher);
			await appendAudit(deps.storage.db, {
				actor: actor(principal),
				action: 'review.queue',
				subject: 'review',
				detail: { count: items.length }
			});
			return c.json({ items });
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/review/applications/:id',
		operationId: 'reviewApplication',
		summary: 'Reviewer: one application with identity, scores, files and history (audited)',
		access: { kind: 'staff', roles: REVIEWERS },
		response: detailOut,
		async handler({ c, deps, params, principal }) {
			const db = deps.storage.db;
			const app = await loadApplication(db, uuidParam(params.id, 'application'));
			await appendAudit(db, { actor: actor(principal), action: 'review.view', subject: app.id });
			const account = await db
				.selectFrom('accounts')
				.select(['account_number', 'account_class'])
				.where('application_id', '=', app.id)
				.executeTakeFirst();
			return c.json({
				id: app.id,
				state: app.state,
				reason: app.reason,
				category: app.state === 'manual_review' ? reviewCategory(app.reason) : null,
				risk: app.risk,
				registryResult: app.registry_result,
				faceScore: app.face_score,
				clientFaceScore: app.client_face_score,
				formSha256: app.form_sha256,
				kyc: app.kyc ? (JSON.parse(app.kyc) as Record<string, string>) : null,
				pii: app.pii ? deps.cipher.decryptJson(app.pii) : null,
				files: await applicationFiles(db, app.id),
				history: await applicationHistory(db, app.id),
				account: account
					? { accountNumber: account.account_number, accountClass: account.account_class }
					: null
			});
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/review/applications/:id/files/:fileId',
		operationId: 'reviewFile',
		summary: 'Reviewer: one stored file (image, recording, signature, form), decrypted (audited)',
		access: { kind: 'staff', roles: REVIEWERS },
		produces: 'application/octet-stream',
		async handler({ c, deps, params, principal }) {
			const id = uuidParam(params.id, 'application');
			const fileId = uuidParam(params.fileId, 'file');
			const file = await deps.storage.db
				.selectFrom('app_files')
				.select(['data', 'sha256', 'kind'])
				.where('application_id', '=', id)
				.where('id', '=', fileId)
				.executeTakeFirst();
			if (!file) throw new ApiError(404, 'not_found', 'No such file / 文件不存在');
			if (!file.data)
				throw new ApiError(404, 'not_found', 'File purged after retention / 文件已按保留期限删除');
			await appendAudit(deps.storage.db, {
				actor: actor(principal),
				action: 'review.file',
				subject: id,
				detail: { file: fileId, kind: file.kind }
			});
			const bytes = new Uint8Array(deps.cipher.decryptBytes(file.data));
			return c.body(bytes, 200, {
				'content-type': sniffType(bytes),
				'cache-control': 'private, no-store',
				'x-content-sha256': file.sha256
			});
		}
	})
];

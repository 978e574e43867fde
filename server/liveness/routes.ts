/**
 * Liveness routes: the customer gets a challenge, answers it once with the result and the
 * evidence, and can read the status; staff list the attempts and fetch the evidence (audited).
 */
import { z } from 'zod';
import { timing } from '../../src/lib/domain/timing.ts';
import { generateChallenge } from '../../src/lib/vision/liveness/challenge.ts';
import type { LivenessResult } from '../../src/lib/vision/liveness/types.ts';
import { appendAudit } from '../audit/log.ts';
import { loadApplication } from '../applications/store.ts';
import { ApiError } from '../http/errors.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { acceptAttempt } from './attempt.ts';
import {
	attemptRequest,
	attemptResponse,
	challengeRequest,
	challengeResponse,
	livenessStatus as statusSchema,
	MAX_CHALLENGES,
	staffAttempts
} from './schemas.ts';
import { countChallenges, livenessStatus, storeChallenge } from './store.ts';

/** Step time limit in large-text mode (slower readers, slower movers). */
const LARGE_TEXT_STEP_MS = timing(true).livenessStepMs;

export const livenessCustomerRoutes: RouteDef[] = [
	defineRoute({
		method: 'post',
		path: '/api/applications/:id/liveness/challenge',
		operationId: 'issueLivenessChallenge',
		summary:
			'Issues a liveness challenge (nonce, 3 random steps, digits) bound to this draft; abandons an unanswered earlier one',
		access: { kind: 'customer' },
		body: challengeRequest,
		response: challengeResponse,
		async handler({ c, deps, params, body }) {
			const id = params.id ?? '';
			const db = deps.storage.db;
			const app = await loadApplication(db, id);
			if (app.state !== 'draft')
				throw new ApiError(409, 'conflict', 'Application already submitted / 申请已提交');
			const status = await livenessStatus(db, id);
			if (status.manualReview)
				throw new ApiError(
					409,
					'conflict',
					'Too many failed attempts: a person will check / 失败次数过多，将转人工审核',
					{ code: 'liveness_manual_review', ...status }
				);
			if ((await countChallenges(db, id)) >= MAX_CHALLENGES)
				throw new ApiError(429, 'rate_limited', 'Too many liveness checks / 活体检测次数过多');
			const now = deps.now();
			const challenge = generateChallenge({
				now,
				...(body.largeText ? { stepTimeoutMs: LARGE_TEXT_STEP_MS } : {})
			});
			await db.transaction().execute(async (trx) => {
				await storeChallenge(trx, id, challenge, now);
				// Submission binds to the latest challenge (the same column the nonce route sets).
				await trx
					.updateTable('applications')
					.set({ liveness_nonce: challenge.nonce, updated_at: now.toISOString() })
					.where('id', '=', id)
					.where('state', '=', 'draft')
					.execute();
			});
			const after = await livenessStatus(db, id);
			return c.json({ ...challenge, failures: after.failures, maxFailures: after.maxFailures });
		}
	}),
	defineRoute({
		method: 'post',
		path: '/api/applications/:id/liveness/attempts',
		operationId: 'submitLivenessAttempt',
		summary:
			'Answers the challenge once: result, best frame (JPEG ≤ 192 KB), clip (WebM/MP4 ≤ 512 KB); re-checked by the server',
		access: { kind: 'customer' },
		body: attemptRequest,
		response: attemptResponse,
		async handler({ c, deps, params, body }) {
			const result = body.result as LivenessResult;
			return c.json(
				await acceptAttempt(deps, params.id ?? '', {
					result,
					frameJpeg: body.frameJpeg,
					clip: body.clip,
					voice: body.voice
				})
			);
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/applications/:id/liveness',
		operationId: 'getLivenessStatus',
		summary: 'Whether a liveness check passed, failures so far, and whether manual review is due',
		access: { kind: 'customer' },
		response: statusSchema,
		async handler({ c, deps, params }) {
			await loadApplication(deps.storage.db, params.id ?? '');
			return c.json(await livenessStatus(deps.storage.db, params.id ?? ''));
		}
	})
];

const actor = (p: { kind: string; staffId?: string }) =>
	p.kind === 'staff' ? `staff:${p.staffId}` : p.kind;

export const livenessStaffRoutes: RouteDef[] = [
	defineRoute({
		method: 'get',
		path: '/api/staff/applications/:id/liveness',
		operationId: 'listLivenessAttempts',
		summary:
			'Liveness challenges of an application with outcomes, per-step results and evidence flags',
		access: { kind: 'staff', roles: ['agent', 'reviewer', 'admin'] },
		response: staffAttempts,
		async handler({ c, deps, params }) {
			const id = params.id ?? '';
			const db = deps.storage.db;
			await loadApplication(db, id);
			const rows = await db
				.selectFrom('liveness_challenges')
				.selectAll()
				.where('application_id', '=', id)
				.orderBy('issued_at')
				.execute();
			return c.json({
				attempts: rows.map((r) => ({
					nonce: r.nonce,
					steps: JSON.parse(r.steps) as unknown[],
					issuedAt: r.issued_at,
					answeredAt: r.answered_at,
					outcome: r.outcome,
					reason: r.reason,
					result: r.result ? (JSON.parse(r.result) as unknown) : null,
					frame: r.frame_file_id !== null,
					clip: r.clip_file_id !== null
				})),
				status: await livenessStatus(db, id)
			});
		}
	}),
	defineRoute({
		method: 'get',
		path: '/api/staff/applications/:id/liveness/:nonce/:file',
		operationId: 'livenessEvidence',
		summary: 'The best frame (`frame`) or clip (`clip`) of one attempt (audited data access)',
		access: { kind: 'staff', roles: ['agent', 'reviewer', 'admin'] },
		produces: 'image/jpeg',
		async handler({ c, deps, params, principal }) {
			const id = params.id ?? '';
			const which = z.enum(['frame', 'clip']).safeParse(params.file);
			if (!which.success) throw new ApiError(404, 'not_found', 'No such evidence / 无此证据');
			const db = deps.storage.db;
			const row = await db
				.selectFrom('liveness_challenges')
				.select(['frame_file_id', 'clip_file_id'])
				.where('application_id', '=', id)
				.where('nonce', '=', params.nonce ?? '')
				.executeTakeFirst();
			const fileId = which.data === 'frame' ? row?.frame_file_id : row?.clip_file_id;
			const file = fileId
				? await db.selectFrom('app_files').selectAll().where('id', '=', fileId).executeTakeFirst()
				: undefined;
			if (!file?.data)
				throw new ApiError(404, 'not_found', 'No such evidence (or purged) / 无此证据（或已清除）');
			await appendAudit(db, {
				actor: actor(principal as { kind: string; staffId?: string }),
				action: 'liveness.evidence',
				subject: id,
				detail: { file: which.data }
			});
			const bytes = deps.cipher.decryptBytes(file.data);
			const type =
				which.data === 'frame' ? 'image/jpeg' : bytes[0] === 0x1a ? 'video/webm' : 'video/mp4';
			return c.body(new Uint8Array(bytes), 200, {
				'content-type': type,
				'x-content-sha256': file.sha256
			});
		}
	})
];

export const livenessRoutes: RouteDef[] = [...livenessCustomerRoutes, ...livenessStaffRoutes];

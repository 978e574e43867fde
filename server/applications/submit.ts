/**
 * Submission: full server-side re-validation, registry check (mode 3: name + number + validity),
 * KYC risk rating, then draft → submitted with a queued job (./submission-job.ts) that renders the
 * signed form PDF, re-checks the face and moves on to witness_pending | manual_review | rejected —
 * idempotent by `Idempotency-Key`.
 */
import { createHash } from 'node:crypto';
import type { ApplicationEvent } from '../../src/lib/domain/application.ts';
import { revalidate, type Submission } from '../../src/lib/domain/application-schema.ts';
import { riskRating } from '../../src/lib/domain/kyc.ts';
import { appendAudit } from '../audit/log.ts';
import type { CoreDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { checkImage, PHOTO_LIMITS } from '../http/image-check.ts';
import { enqueueJob } from '../jobs/store.ts';
import { livenessAtSubmit } from '../liveness/gate.ts';
import { verifyWithLimits } from '../registry/service.ts';
import { cardImages, isCardJpeg } from './card-images.ts';
import { signatureEmbeds } from './form-pdf.ts';
import { replay, requestHash } from './idempotency.ts';
import { applyEvents, loadApplication } from './store.ts';
import { SUBMISSION_JOB, type SubmissionJobPayload } from './submission-job.ts';

const MAX_SIGNATURE_BYTES = 256 * 1024;
/** A drawn signature: a whole PNG, no larger than a 4K canvas. */
const SIGNATURE_LIMITS = { accept: ['png'], maxSide: 4096, maxPixels: 4096 * 2160 } as const;

/** The answer: `submitted` (the job moves it on), the registry's result code and the risk rating. */
export interface SubmitResult {
	id: string;
	state: string;
	registry: string;
	risk: string;
}

export async function submitApplication(
	deps: CoreDeps,
	id: string,
	key: string,
	s: Submission
): Promise<{ status: number; body: unknown }> {
	const db = deps.storage.db;
	const hash = requestHash(s);
	const earlier = await replay(db, id, key, hash);
	if (earlier) return earlier;
	const app = await loadApplication(db, id);
	if (app.state !== 'draft')
		throw new ApiError(409, 'conflict', 'Application already submitted / 申请已提交', {
			state: app.state
		});
	const now = deps.now();
	const problems = revalidate(s, now);
	const signature = Buffer.from(s.signaturePng, 'base64');
	if (signature.length > MAX_SIGNATURE_BYTES || !checkImage(signature, SIGNATURE_LIMITS).ok)
		problems.push({
			path: 'signaturePng',
			code: 'signature_png',
			message: 'Signature must be a PNG / 签名须为 PNG 图片'
		});
	const cards = cardImages(s);
	for (const [label, bytes] of cards)
		if (!isCardJpeg(bytes))
			problems.push({
				path: label === 'id_front' ? 'idFront' : 'idBack',
				code: 'card_image',
				message: 'ID card image must be a JPEG photo / 身份证图片须为 JPEG 照片'
			});
	if ((app.liveness_nonce ?? undefined) !== s.livenessNonce)
		throw new ApiError(
			400,
			'validation_failed',
			'Liveness evidence is not bound to this application / 活体检测凭证与申请不符',
			[{ path: 'livenessNonce', message: 'nonce mismatch' }]
		);
	const live = s.livePhoto ? Buffer.from(s.livePhoto, 'base64') : undefined;
	const portrait = s.idPortrait ? Buffer.from(s.idPortrait, 'base64') : undefined;
	// Whole JPEG/PNG files within a 4K budget, by their bytes: nothing malformed is stored or decoded.
	for (const [path, bytes] of [
		['livePhoto', live],
		['idPortrait', portrait]
	] as const) {
		const c = bytes && checkImage(bytes, PHOTO_LIMITS);
		if (c && !c.ok)
			throw new ApiError(400, 'validation_failed', 'Photo cannot be read / 无法读取照片', [
				{ path, message: `image ${c.problem}` }
			]);
	}
	const livenessReason = await livenessAtSubmit(db, id, s.livenessNonce);
	if (problems.length)
		throw new ApiError(
			400,
			'validation_failed',
			problems.map((p) => p.message).join('; '),
			problems.map(({ path, code, message }) => ({ path, code, message }))
		);

	const risk = riskRating(s.kyc);
	// The PDF is rendered by the job; a signature pdf-lib cannot read is still refused here.
	if (!(await signatureEmbeds(signature)))
		throw new ApiError(
			400,
			'validation_failed',
			'Signature image cannot be read / 无法读取签名图片',
			[{ path: 'signaturePng', message: 'unreadable PNG' }]
		);
	const outcome = await verifyWithLimits(deps, `app:${id}`, {
		mode: 3,
		name: s.applicant.name,
		idNumber: s.applicant.idNumber,
		validFrom: s.applicant.validFrom,
		validTo: s.applicant.validTo
	});
	if (outcome.kind === 'client_limited')
		throw new ApiError(429, 'rate_limited', 'Too many verification attempts / 核验次数过多');
	let registry: string;
	let next: ApplicationEvent;
	if (outcome.kind === 'result') {
		registry = outcome.result.code;
		next =
			outcome.route === 'pass'
				? { type: 'registry_passed' }
				: outcome.route === 'manual'
					? { type: 'escalate', reason: `registry:${registry}` }
					: { type: 'reject', reason: `registry:${registry}` };
	} else {
		registry = outcome.kind === 'locked' ? 'locked_repeated_failures' : 'registry_unavailable';
		next = { type: 'escalate', reason: `registry:${registry}` };
	}

	// The form PDF and the face re-check run in a job (./submission-job.ts), which then moves the
	// application on from `submitted`; the customer's status page shows "being checked" meanwhile.
	const job: SubmissionJobPayload = {
		signedAt: now.toISOString(),
		risk,
		registryNext: next,
		livenessReason: livenessReason ?? null
	};
	const body: SubmitResult = { id, state: '', registry, risk };
	const files: [kind: string, label: string, bytes: Uint8Array][] = [
		['signature', 'signature', signature]
	];
	if (live) files.push(['face_image', 'live_photo', live]);
	if (portrait) files.push(['face_image', 'id_portrait', portrait]);
	for (const [label, bytes] of cards) files.push(['id_image', label, bytes]);
	await db.transaction().execute(async (trx) => {
		body.state = await applyEvents(trx, id, 'draft', [{ type: 'submit' }], now, {
			pii: deps.cipher.encryptJson({ applicant: s.applicant, bankCard: s.bankCard }),
			id_index: deps.cipher.blindIndex(s.applicant.idNumber),
			kyc: JSON.stringify(s.kyc),
			risk,
			registry_result: registry,
			client_face_score: s.faceScore ?? null
		});
		for (const [kind, label, bytes] of files) {
			await trx
				.insertInto('app_files')
				.values({
					id: crypto.randomUUID(),
					application_id: id,
					kind,
					label,
					sha256: createHash('sha256').update(bytes).digest('hex'),
					data: deps.cipher.encrypt(bytes),
					created_at: now.toISOString(),
					purged_at: null
				})
				.execute();
		}
		await enqueueJob(trx, { kind: SUBMISSION_JOB, applicationId: id, payload: job, now });
		await trx
			.insertInto('idempotency')
			.values({
				application_id: id,
				key,
				request_hash: hash,
				status: 200,
				response: JSON.stringify(body),
				created_at: now.toISOString()
			})
			.execute();
	});
	deps.jobs.wake();
	await appendAudit(db, {
		actor: `customer:${id}`,
		action: 'application.submit',
		subject: id,
		detail: { state: body.state, registry, risk }
	});
	return { status: 200, body };
}

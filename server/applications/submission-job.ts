/**
 * The submission's second half, off the request path (a job in `server/jobs/`): render the signed
 * form PDF, re-check the face, then move the application from `submitted` exactly as the request
 * did before — the registry's verdict (decided on the request), the face check, the liveness
 * failures. A job that keeps failing sends the application to manual review with
 * `processing:<code>`.
 */
import { createHash } from 'node:crypto';
import type { ApplicationEvent } from '../../src/lib/domain/application.ts';
import type { Submission } from '../../src/lib/domain/application-schema.ts';
import type { RiskRating } from '../../src/lib/domain/kyc.ts';
import { appendAudit } from '../audit/log.ts';
import type { CoreDeps } from '../deps.ts';
import { JobError, type JobHandler } from '../jobs/drainer.ts';
import { checkFace, faceEscalation, type FaceCheck } from './face-check.ts';
import { FormPdfRenderError } from './form-pdf-renderer.ts';
import { applyEvents, loadApplication } from './store.ts';

export const SUBMISSION_JOB = 'submission.process';

/** What the request decided and the job needs; no PII (that stays sealed in the application). */
export interface SubmissionJobPayload {
	/** The request's time: the PDF's "signed at" and metadata dates. */
	signedAt: string;
	risk: RiskRating;
	/** The registry's verdict: `registry_passed`, or an escalation / rejection with its reason. */
	registryNext: ApplicationEvent;
	/** `liveness:…` when the liveness attempts send the case to a person. */
	livenessReason: string | null;
}

/** The event the submission ends with, in the order the request path applied them. */
export function nextEvent(p: SubmissionJobPayload, face: FaceCheck): ApplicationEvent {
	if (p.registryNext.type !== 'registry_passed') return p.registryNext;
	// A passed registry check still goes to a human when the face check cannot vouch for the person.
	const faceReason = faceEscalation(face);
	if (faceReason) return { type: 'escalate', reason: faceReason };
	// Three failed liveness attempts: a person checks instead of the witness queue.
	if (p.livenessReason) return { type: 'escalate', reason: p.livenessReason };
	return p.registryNext;
}

export function submissionJobHandler(deps: CoreDeps): JobHandler {
	const db = deps.storage.db;
	return {
		async run({ job, complete }) {
			const p = JSON.parse(job.payload) as SubmissionJobPayload;
			const id = job.application_id;
			const app = await loadApplication(db, id);
			const files = await db
				.selectFrom('app_files')
				.select(['kind', 'label', 'data'])
				.where('application_id', '=', id)
				.where('kind', 'in', ['signature', 'face_image'])
				.execute();
			const file = (label: string) => {
				const data = files.find((f) => f.label === label)?.data;
				return data ? new Uint8Array(deps.cipher.decryptBytes(data)) : undefined;
			};
			const signature = file('signature');
			if (!app.pii || !app.kyc || !signature) throw new JobError('submission_missing', true);
			const { applicant, bankCard } = deps.cipher.decryptJson<Pick<Submission, 'applicant' | 'bankCard'>>(app.pii); // prettier-ignore
			const kyc = JSON.parse(app.kyc) as Submission['kyc'];
			let pdf;
			try {
				// On the renderer's thread in the server: the API keeps answering meanwhile.
				pdf = await deps.formPdf.render(id, { applicant, bankCard, kyc }, signature, p.risk, new Date(p.signedAt)); // prettier-ignore
			} catch (err) {
				// A lost worker may do better next time; otherwise the same input fails again (the
				// request checked that pdf-lib reads the signature).
				if (err instanceof FormPdfRenderError && err.code === 'worker_lost')
					throw new JobError('form_pdf_worker_lost');
				throw new JobError('form_pdf_failed', true);
			}
			let face: FaceCheck;
			try {
				face = await checkFace(deps.faceComparator, file('live_photo'), file('id_portrait'), app.client_face_score ?? undefined); // prettier-ignore
			} catch {
				throw new JobError('face_check_failed');
			}
			const next = nextEvent(p, face);
			const now = deps.now();
			const state = await complete(async (trx) => {
				await trx
					.insertInto('app_files')
					.values({
						id: crypto.randomUUID(),
						application_id: id,
						kind: 'form_pdf',
						label: 'form_pdf',
						sha256: createHash('sha256').update(pdf.bytes).digest('hex'),
						data: deps.cipher.encrypt(pdf.bytes),
						created_at: now.toISOString(),
						purged_at: null
					})
					.execute();
				const results = {
					// The server's own score (null when it could not compute one); the device's is stored.
					face_score: face.kind === 'checked' ? face.score : null,
					form_sha256: pdf.sha256
				};
				// Staff may have decided meanwhile (a rejection from `submitted`): the results are kept.
				const current = await loadApplication(trx, id);
				if (current.state !== 'submitted') {
					await trx.updateTable('applications').set(results).where('id', '=', id).execute();
					return current.state;
				}
				return applyEvents(trx, id, 'submitted', [next], now, results);
			});
			await appendAudit(db, {
				actor: 'system',
				action: 'application.processed',
				subject: id,
				detail: { state, face: face.kind, reason: 'reason' in next ? next.reason : null }
			});
		},

		async failed({ job, code, fail }) {
			const id = job.application_id;
			const reason = `processing:${code}`;
			const state = await fail(async (trx) => {
				const app = await loadApplication(trx, id);
				if (app.state !== 'submitted') return app.state;
				return applyEvents(trx, id, 'submitted', [{ type: 'escalate', reason }], deps.now());
			});
			await appendAudit(db, {
				actor: 'system',
				action: 'application.processing_failed',
				subject: id,
				detail: { state, reason }
			});
		}
	};
}

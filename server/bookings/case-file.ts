/** Builds the agent's case file of a booking's application (decrypted PII: callers audit). */
import type { CoreDeps } from '../deps.ts';
import { loadApplication } from '../applications/store.ts';
import type { BookingRow } from './store.ts';

interface SealedPii {
	applicant: {
		name: string;
		idNumber: string;
		validFrom: string;
		validTo: string | null;
		phone: string;
		address: string;
	};
	bankCard: { number: string };
}

/** The last four digits only: the agent has no use for the whole card number. */
const lastFour = (n: string) => `•••• ${n.slice(-4)}`;

export async function caseFile(deps: CoreDeps, b: BookingRow) {
	const db = deps.storage.db;
	const app = await loadApplication(db, b.application_id);
	const pii = app.pii ? deps.cipher.decryptJson<SealedPii>(app.pii) : null;
	const files = await db
		.selectFrom('app_files')
		.select(['id', 'kind', 'label', 'created_at'])
		.where('application_id', '=', app.id)
		.where('kind', 'in', ['id_image', 'face_image', 'witness_still'])
		.where('purged_at', 'is', null)
		.orderBy('created_at')
		.execute();
	const history = await db
		.selectFrom('audit_log')
		.select(['seq', 'at', 'actor', 'action', 'detail'])
		.where('subject', '=', app.id)
		.orderBy('seq')
		.execute();
	return {
		booking: { id: b.id, state: b.state, kind: b.kind, dueAt: b.due_at },
		application: {
			id: app.id,
			state: app.state,
			reason: app.reason,
			risk: app.risk,
			/** The fields read from the ID card (OCR, confirmed by the customer). */
			fields: pii
				? {
						name: pii.applicant.name,
						idNumber: pii.applicant.idNumber,
						validFrom: pii.applicant.validFrom,
						validTo: pii.applicant.validTo,
						address: pii.applicant.address,
						bankCard: lastFour(pii.bankCard.number)
					}
				: null,
			kyc: app.kyc ? (JSON.parse(app.kyc) as Record<string, string>) : null,
			registryResult: app.registry_result,
			faceScore: app.face_score,
			/** Liveness evidence was bound to a server nonce for this application. */
			liveness: { nonceBound: app.liveness_nonce !== null && app.state !== 'draft' }
		},
		files: files.map((f) => ({ id: f.id, kind: f.kind, label: f.label, createdAt: f.created_at })),
		history: history.map((h) => ({
			seq: h.seq,
			at: h.at,
			actor: h.actor,
			action: h.action,
			detail: JSON.parse(h.detail) as Record<string, unknown>
		}))
	};
}

export type CaseFile = Awaited<ReturnType<typeof caseFile>>;

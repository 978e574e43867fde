/** Read models of the reviewer console: the queue, one application's files and its history. */
import type { Kysely } from 'kysely';
import { reviewCategory } from '../../src/lib/domain/review.ts';
import type { PiiCipher } from '../security/pii.ts';
import type { Database } from '../storage/schema.ts';

/** States a reviewer acts on: escalations first, then the ordinary post-witness review. */
export const REVIEW_STATES = ['manual_review', 'witnessed', 'under_review'] as const;

/** 张三丰 → 张*丰, 李四 → 李*: enough to tell rows apart, not a full name in a list view. */
export function maskName(name: string): string {
	const chars = [...name];
	if (chars.length <= 1) return '*';
	if (chars.length === 2) return `${chars[0]}*`;
	return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

export async function reviewQueue(db: Kysely<Database>, cipher: PiiCipher) {
	const rows = await db
		.selectFrom('applications')
		.selectAll()
		.where('state', 'in', [...REVIEW_STATES])
		.orderBy('updated_at', 'asc')
		.limit(200)
		.execute();
	const order = (s: string) => REVIEW_STATES.indexOf(s as (typeof REVIEW_STATES)[number]);
	return rows
		.sort((a, b) => order(a.state) - order(b.state))
		.map((r) => {
			const pii = r.pii ? cipher.decryptJson<{ applicant?: { name?: string } }>(r.pii) : null;
			return {
				id: r.id,
				state: r.state,
				reason: r.reason,
				category: r.state === 'manual_review' ? reviewCategory(r.reason) : null,
				maskedName: pii?.applicant?.name ? maskName(pii.applicant.name) : null,
				risk: r.risk,
				registryResult: r.registry_result,
				faceScore: r.face_score,
				clientFaceScore: r.client_face_score,
				updatedAt: r.updated_at
			};
		});
}

/** Media type of a stored file from its magic bytes (files are stored without one). */
export function sniffType(bytes: Uint8Array): string {
	const b = (i: number) => bytes[i] ?? -1;
	if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'image/png';
	if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
	if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return 'application/pdf';
	if (b(0) === 0x1a && b(1) === 0x45 && b(2) === 0xdf && b(3) === 0xa3) return 'video/webm';
	if (b(4) === 0x66 && b(5) === 0x74 && b(6) === 0x79 && b(7) === 0x70) return 'video/mp4';
	return 'application/octet-stream';
}

export async function applicationFiles(db: Kysely<Database>, id: string) {
	const rows = await db
		.selectFrom('app_files')
		.select(['id', 'kind', 'label', 'sha256', 'data', 'created_at', 'purged_at'])
		.where('application_id', '=', id)
		.orderBy('created_at')
		.execute();
	return rows.map((f) => ({
		id: f.id,
		kind: f.kind,
		label: f.label,
		sha256: f.sha256,
		available: f.data !== null,
		createdAt: f.created_at,
		purgedAt: f.purged_at
	}));
}

/** The application's audit entries, oldest first, with staff usernames resolved. */
export async function applicationHistory(db: Kysely<Database>, id: string) {
	const rows = await db
		.selectFrom('audit_log')
		.select(['seq', 'at', 'actor', 'action', 'detail'])
		.where('subject', '=', id)
		.orderBy('seq')
		.limit(500)
		.execute();
	const staffIds = [
		...new Set(rows.filter((r) => r.actor.startsWith('staff:')).map((r) => r.actor.slice(6)))
	];
	const staff = staffIds.length
		? await db.selectFrom('staff').select(['id', 'username']).where('id', 'in', staffIds).execute()
		: [];
	const names = new Map(staff.map((s) => [`staff:${s.id}`, s.username]));
	return rows.map((r) => ({
		seq: Number(r.seq),
		at: r.at,
		actor: names.get(r.actor) ?? r.actor.split(':')[0] ?? r.actor,
		action: r.action,
		detail: safeDetail(r.detail)
	}));
}

function safeDetail(detail: string): Record<string, unknown> {
	try {
		const v: unknown = JSON.parse(detail);
		return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

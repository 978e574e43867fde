/**
 * The world the fuzzer and the abuse tests attack: the real app on a storage backend with intake
 * mounted, staff of every role logged in, draft applications, applications awaiting their witness
 * (one booked and called), and the ids of everything a path parameter may name.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevSms } from '../bookings/notify.ts';
import { fileIntake, type Intake } from '../intake/index.ts';
import { HmacAuthority } from '../signalling/credentials.ts';
import type { Storage } from '../storage/index.ts';
import { harness, type Harness, type Session } from '../testing/harness.ts';

export type StaffRole = 'agent' | 'reviewer' | 'admin';

export interface Target {
	h: Harness;
	storage: Storage;
	intake: Intake;
	/** Where intake keeps blobs and uploads in progress. */
	dir: string;
	sessions: Record<StaffRole, Session>;
	/** Applications with their capability tokens (drafts first, then awaiting witness). */
	apps: { id: string; token: string }[];
	/** Ids a path parameter may name besides application ids. */
	ids: {
		bookings: string[];
		files: string[];
		nonces: string[];
		robotSessions: string[];
		questions: string[];
	};
	/** Logs in again (after a fuzzed logout ended the session). */
	relogin(role: StaffRole): Promise<void>;
}

/** Builds the target on `storage`; `dir` defaults to a fresh temporary directory. */
export async function abuseTarget(storage: Storage, dir?: string): Promise<Target> {
	const root = dir ?? mkdtempSync(join(tmpdir(), 'kaihu-abuse-'));
	const intake = fileIntake(root);
	const h = await harness(
		storage,
		{
			witness: {
				issuer: new HmacAuthority('abuse-target-secret-0123456789abcdef0123'),
				sms: new DevSms(() => undefined),
				push: null,
				vapidPublicKey: null
			}
		},
		'',
		{ intake }
	);
	const sessions = {} as Record<StaffRole, Session>;
	for (const role of ['agent', 'reviewer', 'admin'] as const)
		sessions[role] = await h.login(`${role}1`);
	const apps: { id: string; token: string }[] = [];
	for (let i = 0; i < 5; i++) apps.push(await h.newApplication());
	const bookings: string[] = [];
	for (let i = 0; i < 3; i++) {
		const a = await h.newApplication();
		await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/submit`, h.submission(i), {
			'idempotency-key': `abuse-${a.id}`
		});
		await h.drain(); // the submission's job: form PDF, witness_pending
		apps.push(a);
		const booked = await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/bookings`, {
			when: 'now'
		});
		const b = (await booked.json()) as { id?: string };
		if (b.id) bookings.push(b.id);
	}
	if (bookings[0])
		await h.staffCall(sessions.agent, 'POST', `/api/staff/bookings/${bookings[0]}/claim`);
	const files = (await storage.db.selectFrom('app_files').select('id').execute()).map((r) => r.id);
	// A liveness challenge of a draft and a robot session of an application awaiting its witness,
	// so the nonce, sessionId and questionId parameters name real rows too.
	const nonces: string[] = [];
	const challenge = await h.customerCall(
		apps[0]!.token,
		'POST',
		`/api/applications/${apps[0]!.id}/liveness/challenge`,
		{}
	);
	const c = (await challenge.json()) as { nonce?: string };
	if (c.nonce) nonces.push(c.nonce);
	const robotSessions: string[] = [];
	const questions: string[] = [];
	const waiting = apps[apps.length - 1]!;
	const robot = await h.customerCall(
		waiting.token,
		'POST',
		`/api/applications/${waiting.id}/robot-sessions`,
		{}
	);
	const rs = (await robot.json()) as { sessionId?: string; questions?: { id: string }[] };
	if (rs.sessionId) robotSessions.push(rs.sessionId);
	for (const q of rs.questions ?? []) questions.push(q.id);
	return {
		h,
		storage,
		intake,
		dir: root,
		sessions,
		apps,
		ids: { bookings, files, nonces, robotSessions, questions },
		async relogin(role) {
			sessions[role] = await h.login(`${role}1`);
		}
	};
}

/**
 * The three steps of the full submission path, each retried until it took effect, the way the
 * device retries: create the application, queue its file in the outbox (uploaded by tus in the
 * background), submit with an `Idempotency-Key` (same key after no answer, a new key after a
 * refusal — `src/lib/journey/send.ts`).
 */
import type { Submission } from '../../../src/lib/domain/application-schema.ts';
import type { Device } from './chaos-device.ts';
import { sleep } from './chaos-workload.ts';

export interface StepCounts {
	createRetries: number;
	queueRetries: number;
	submitRetries: number;
	submitRefusals: number;
	/** Submits answered 409: an earlier attempt had gone through but its answer was lost. */
	submitConflicts: number;
}

export const newCounts = (): StepCounts => ({
	createRetries: 0,
	queueRetries: 0,
	submitRetries: 0,
	submitRefusals: 0,
	submitConflicts: 0
});

const GIVE_UP_MS = 120_000;
const newKey = () => crypto.randomUUID().replaceAll('-', '');

async function until<T>(
	what: string | (() => string),
	attempt: () => Promise<T | undefined>,
	retried: () => void
) {
	const started = Date.now();
	for (;;) {
		const v = await attempt();
		if (v !== undefined) return v;
		if (Date.now() - started > GIVE_UP_MS) {
			const name = typeof what === 'string' ? what : what();
			throw new Error(`${name}: no success in 120 s`);
		}
		retried();
		await sleep(150);
	}
}

export function createApp(d: Device, n: StepCounts): Promise<{ id: string; token: string }> {
	return until(
		'create',
		async () => {
			const a = await d.request('POST', '/api/applications', {}, {});
			return a.status === 201 ? (a.body as { id: string; token: string }) : undefined;
		},
		() => n.createRetries++
	);
}

/** Queues the file once: `index` records were queued before it, so success is `index + 1` rows. */
export function queueFile(
	d: Device,
	n: StepCounts,
	index: number,
	name: string,
	idNumber: string,
	file: { name: string; buffer: Buffer }
): Promise<true> {
	const queued = async () => (await d.outbox().catch(() => [])).length > index;
	let last = '';
	return until(
		() => `queue (last: ${last})`,
		async () => {
			if (await queued()) return true;
			await d.queueOnce(name, idNumber, file).catch((e: unknown) => {
				last = String(e).split('\n')[0]!.slice(0, 200);
			});
			for (let i = 0; i < 50; i++) {
				if (await queued()) return true;
				await sleep(100);
			}
			return undefined;
		},
		() => n.queueRetries++
	);
}

export async function submitApp(
	d: Device,
	n: StepCounts,
	app: { id: string; token: string },
	body: Submission
): Promise<string> {
	let key = newKey();
	return until(
		'submit',
		async () => {
			const a = await d.request(
				'POST',
				`/api/applications/${app.id}/submit`,
				{ authorization: `Bearer ${app.token}`, 'idempotency-key': key },
				body
			);
			if (a.status === 200) return (a.body as { state: string }).state;
			if (a.status === 409) {
				n.submitConflicts++;
				return 'conflict';
			}
			if (a.status !== 0 && (a.status < 502 || a.status > 504)) {
				n.submitRefusals++;
				key = newKey();
			}
			return undefined;
		},
		() => n.submitRetries++
	);
}

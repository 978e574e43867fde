/**
 * The liveness routes of the server (server/liveness/routes.ts), called with the application's
 * capability token. In demo mode nothing is called: the challenge is made locally.
 */
import { timing } from '$lib/domain/timing.ts';
import { generateChallenge } from '$lib/vision/liveness/challenge.ts';
import type {
	ChallengeStep,
	LivenessAction,
	LivenessChallenge,
	LivenessFailure,
	LivenessResult
} from '$lib/vision/liveness/types.ts';
import { LIVENESS_ACTIONS } from '$lib/vision/liveness/types.ts';

export interface IssuedChallenge extends LivenessChallenge {
	failures: number;
	maxFailures: number;
}

export interface AttemptOutcome {
	outcome: 'passed' | 'failed';
	reason?: LivenessFailure;
	passed: boolean;
	failures: number;
	maxFailures: number;
	manualReview: boolean;
}

/** Where the page gets challenges and sends results. */
export interface LivenessBackend {
	challenge(largeText: boolean): Promise<IssuedChallenge | { manualReview: true }>;
	submit(
		result: LivenessResult,
		frameJpeg?: string,
		clip?: string,
		voice?: { wav: string; lang: 'zh' | 'en' }
	): Promise<AttemptOutcome>;
}

export class LivenessApiError extends Error {
	constructor(readonly status: number) {
		super(`HTTP ${status}`);
	}
}

/** The server, for application `id` with capability `token`. */
export function serverBackend(id: string, token: string): LivenessBackend {
	const call = async <T>(path: string, body: unknown): Promise<{ status: number; json: T }> => {
		const res = await fetch(`/api/applications/${encodeURIComponent(id)}/liveness${path}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		return { status: res.status, json: (await res.json().catch(() => ({}))) as T };
	};
	return {
		async challenge(largeText) {
			type Reply = IssuedChallenge & { error?: { details?: { code?: string } } };
			const r = await call<Reply>('/challenge', { largeText });
			if (r.status === 409 && r.json.error?.details?.code === 'liveness_manual_review')
				return { manualReview: true };
			if (r.status !== 200 && r.status !== 201) throw new LivenessApiError(r.status);
			return r.json;
		},
		async submit(result, frameJpeg, clip, voice) {
			const body = {
				result,
				...(frameJpeg ? { frameJpeg } : {}),
				...(clip ? { clip } : {}),
				...(voice ? { voice: { wav: voice.wav, lang: voice.lang } } : {})
			};
			const r = await call<AttemptOutcome>('/attempts', body);
			if (r.status !== 200 && r.status !== 201) throw new LivenessApiError(r.status);
			return r.json;
		}
	};
}

/** Parses `blink,turn-left,…` (the CLI's `--challenges`); unknown actions are dropped. */
export function parseSteps(list: string | null, digits = '4821'): ChallengeStep[] | undefined {
	if (!list) return undefined;
	const steps = list
		.split(',')
		.filter((a): a is LivenessAction => (LIVENESS_ACTIONS as readonly string[]).includes(a))
		.map((action) => (action === 'read-digits' ? { action, digits } : { action }));
	return steps.length ? steps : undefined;
}

/** Parses `1200,2000,1000` (prompt delays in ms, the CLI's `--delays`); undefined when invalid. */
export function parseDelays(list: string | null): number[] | undefined {
	if (!list) return undefined;
	const delays = list.split(',').map(Number);
	return delays.every((d) => Number.isFinite(d) && d >= 0 && d <= 10_000) ? delays : undefined;
}

/**
 * Demo mode: a local challenge (random, or the given steps and prompt delays) and a local failure
 * count.
 */
export function demoBackend(
	steps?: ChallengeStep[],
	maxFailures = 3,
	promptDelaysMs?: number[]
): LivenessBackend {
	let failures = 0;
	return {
		async challenge(largeText) {
			if (failures >= maxFailures) return { manualReview: true };
			const c = generateChallenge({
				now: new Date(),
				stepTimeoutMs: timing(largeText).livenessStepMs
			});
			return {
				...c,
				...(steps ? { steps } : {}),
				...(promptDelaysMs ? { promptDelaysMs } : {}),
				failures,
				maxFailures
			};
		},
		async submit(result) {
			if (!result.passed) failures++;
			return {
				outcome: result.passed ? 'passed' : 'failed',
				...(result.reason ? { reason: result.reason } : {}),
				passed: result.passed,
				failures,
				maxFailures,
				manualReview: failures >= maxFailures
			};
		}
	};
}

/**
 * Accepting an attempt: the result must answer a challenge this server issued to this
 * application, once, before it expired; the server re-checks what it can (the issued steps in
 * order, plausible timings, pass/fail consistency, a frame with every pass) and stores the
 * evidence encrypted. Every answer but a pass counts as a failure; the 3rd sends the application
 * to manual review (on submission: a draft has nothing for a reviewer to look at yet).
 */
import type { ChallengeStep, LivenessResult } from '../../src/lib/vision/liveness/types.ts';
import { deriveChallenge } from '../../src/lib/vision/liveness/challenge.ts';
import {
	checkLivenessResult,
	failSpokenDigits,
	spokenDigitsStep,
	type ResultProblem
} from '../../src/lib/vision/liveness/result.ts';
import { MODEL_RATE } from '../../src/lib/vision/speech/sphinx.ts';
import { decodeWav16, WavError } from '../../src/lib/vision/speech/wav.ts';
import type { SpeechLang } from '../../src/lib/vision/speech/words.ts';
import { appendAudit } from '../audit/log.ts';
import type { CoreDeps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { loadApplication } from '../applications/store.ts';
import { decodeEvidence } from './evidence.ts';
import { verifySpokenDigits } from './speech.ts';
import {
	consumeChallenge,
	findChallenge,
	livenessStatus,
	storeFile,
	type Outcome
} from './store.ts';

/** Clock slack between the client's measurement times and the server's wall clock (ms). */
const CLOCK_SLACK_MS = 3000;

export interface AttemptInput {
	result: LivenessResult;
	frameJpeg?: string | undefined;
	clip?: string | undefined;
	voice?: { wav: string; lang: SpeechLang } | undefined;
}

/** The recording of the attempt, decoded (a malformed one is refused before anything is spent). */
function decodeVoice(voice: AttemptInput['voice']) {
	if (!voice) return undefined;
	try {
		return { lang: voice.lang, ...decodeWav16(Buffer.from(voice.wav, 'base64'), [MODEL_RATE[voice.lang]]) }; // prettier-ignore
	} catch (err) {
		if (!(err instanceof WavError)) throw err;
		const message = `Recording must be 16-bit mono PCM WAV at the model rate / 录音格式无效 (${err.message})`;
		throw new ApiError(400, 'validation_failed', message, [{ path: 'voice.wav', message }]);
	}
}

/**
 * The server's own hearing of a passed read-digits step: the recording must be there and say the
 * digits this server issued (the same verifier as the device). Returns a problem (no recording:
 * the result is refused) or whether the digits matched.
 */
async function hearDigits(
	steps: ChallengeStep[],
	result: LivenessResult,
	voice: ReturnType<typeof decodeVoice>
): Promise<{ problem?: ResultProblem; matched?: boolean; index: number }> {
	const index = spokenDigitsStep(result);
	const issued = steps[index]?.digits;
	if (index < 0 || !issued) return { index };
	if (!voice)
		return { index, problem: { path: 'voice', message: 'a read-digits pass needs its recording' } }; // prettier-ignore
	const verdict = await verifySpokenDigits(voice.pcm, voice.sampleRate, voice.lang, issued);
	return { index, matched: verdict.matched };
}

const expiredAt = (expiresAt: string, now: Date) => now.toISOString() > expiresAt;

export async function acceptAttempt(deps: CoreDeps, applicationId: string, input: AttemptInput) {
	const db = deps.storage.db;
	const app = await loadApplication(db, applicationId);
	if (app.state !== 'draft')
		throw new ApiError(409, 'conflict', 'Application already submitted / 申请已提交');
	let { result } = input;
	const challenge = await findChallenge(db, applicationId, result.nonce);
	if (!challenge)
		throw new ApiError(400, 'validation_failed', 'Unknown liveness challenge / 活体检测挑战无效', [
			{ path: 'result.nonce', message: 'not issued to this application' }
		]);
	if (challenge.answered_at !== null)
		throw new ApiError(409, 'conflict', 'Challenge already used / 活体检测挑战已使用', {
			code: 'challenge_used'
		});
	const now = deps.now();
	const evidence = decodeEvidence(input.frameJpeg, input.clip);
	const voice = decodeVoice(input.voice);

	const steps = JSON.parse(challenge.steps) as ChallengeStep[];
	// The prompt schedule is re-derived from the nonce the server issued, never taken from the client.
	const { promptDelaysMs, startWindowMs } = deriveChallenge(
		challenge.nonce,
		challenge.step_timeout_ms
	);
	const problems: ResultProblem[] = checkLivenessResult(
		{ steps, stepTimeoutMs: challenge.step_timeout_ms, promptDelaysMs, startWindowMs },
		result
	);
	const expired = expiredAt(challenge.expires_at, now);
	const sinceIssue = now.getTime() - Date.parse(challenge.issued_at);
	if (result.ms > sinceIssue + CLOCK_SLACK_MS)
		problems.push({ path: 'result.ms', message: 'longer than since the challenge was issued' });
	if (result.passed && !evidence.frame)
		problems.push({ path: 'frameJpeg', message: 'a pass needs the best frontal frame' });
	if (!problems.length && !expired) {
		const heard = await hearDigits(steps, result, voice);
		if (heard.problem) problems.push(heard.problem);
		// Not the issued digits: a failure like any other (the customer may try again).
		else if (heard.matched === false) result = failSpokenDigits(result, heard.index);
	}

	const outcome: Outcome = expired
		? 'abandoned'
		: problems.length
			? 'rejected'
			: result.passed
				? 'passed'
				: 'failed';
	const reason = expired
		? 'expired'
		: problems.length
			? 'implausible_result'
			: (result.reason ?? null);
	const consumed = await db.transaction().execute(async (trx) => {
		const keep = outcome !== 'abandoned'; // late answers keep no face data
		const extra = {
			reason,
			result: JSON.stringify(result),
			frame_file_id:
				keep && evidence.frame
					? await storeFile(trx, deps.cipher, applicationId, 'liveness_frame', evidence.frame, now)
					: null,
			clip_file_id:
				keep && evidence.clip
					? await storeFile(
							trx,
							deps.cipher,
							applicationId,
							'liveness_clip',
							evidence.clip.bytes,
							now
						)
					: null
		};
		const ok = await consumeChallenge(trx, result.nonce, outcome, now, extra);
		// A concurrent replay won the race: roll the evidence back with this transaction.
		if (!ok) throw new ApiError(409, 'conflict', 'Challenge already used / 活体检测挑战已使用');
		return ok;
	});
	const status = await livenessStatus(db, applicationId);
	await appendAudit(db, {
		actor: `customer:${applicationId}`,
		action: 'liveness.attempt',
		subject: applicationId,
		detail: { outcome, reason, failures: status.failures }
	});
	if (consumed && outcome === 'abandoned')
		throw new ApiError(409, 'conflict', 'Challenge expired / 活体检测挑战已过期', {
			code: 'challenge_expired',
			...status
		});
	if (outcome === 'rejected')
		throw new ApiError(
			400,
			'validation_failed',
			'Liveness result does not match the challenge / 活体检测结果与挑战不符',
			problems
		);
	return {
		outcome: outcome === 'passed' ? ('passed' as const) : ('failed' as const),
		...(outcome === 'failed' && result.reason ? { reason: result.reason } : {}),
		...status
	};
}

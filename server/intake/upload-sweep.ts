import type { Intake } from './index.ts';
import { tusServerFor } from './uploads.ts';
import { logLine } from '../logging/log.ts';

/** Unfinished uploads expire this long after they were created, unless `KAIHU_UPLOAD_TTL_HOURS`. */
export const DEFAULT_UPLOAD_TTL_MS = 24 * 3600_000;
/** How often the server sweeps expired uploads, unless `KAIHU_UPLOAD_SWEEP_MINUTES`. */
export const DEFAULT_SWEEP_EVERY_MS = 15 * 60_000;

const positive = (name: string, raw: string | undefined, unitMs: number, fallback: number) => {
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isFinite(n) || n <= 0)
		throw new Error(`${name} must be a positive number, got ${raw}`);
	return Math.round(n * unitMs);
};

/** The lifetime of an unfinished tus upload (`KAIHU_UPLOAD_TTL_HOURS`, fractions allowed). */
export function uploadTtlMs(env: NodeJS.ProcessEnv = process.env): number {
	return positive(
		'KAIHU_UPLOAD_TTL_HOURS',
		env.KAIHU_UPLOAD_TTL_HOURS,
		3600_000,
		DEFAULT_UPLOAD_TTL_MS
	);
}

/** The sweep interval (`KAIHU_UPLOAD_SWEEP_MINUTES`, fractions allowed). */
export function sweepEveryMs(env: NodeJS.ProcessEnv = process.env): number {
	return positive(
		'KAIHU_UPLOAD_SWEEP_MINUTES',
		env.KAIHU_UPLOAD_SWEEP_MINUTES,
		60_000,
		DEFAULT_SWEEP_EVERY_MS
	);
}

/**
 * Deletes every unfinished upload older than the intake's TTL: its partial file and its tus
 * metadata (`<id>.json`). Returns how many were deleted. A device that comes back later gets 404
 * or 410 for the old URL and starts the upload again (the runner keeps the bytes until the server
 * confirms the record).
 */
export async function sweepExpiredUploads(intake: Intake): Promise<number> {
	return tusServerFor(intake).cleanUpExpiredUploads();
}

/**
 * Sweeps now and then every `everyMs` in this process (the timer does not keep it alive); returns
 * a stop function. A failed sweep is logged by name and tried again at the next tick.
 */
export function startUploadSweep(intake: Intake, everyMs = sweepEveryMs()): () => void {
	let running: Promise<void> | undefined;
	const run = () => {
		// One sweep at a time: a slow disk must not pile sweeps up.
		running ??= sweepExpiredUploads(intake)
			.then((deleted) => {
				if (deleted > 0) logLine({ level: 'info', msg: 'expired uploads swept', deleted });
			})
			.catch((err: Error) =>
				logLine({ level: 'error', msg: 'upload sweep failed', name: err.name })
			)
			.finally(() => (running = undefined));
	};
	run();
	const timer = setInterval(run, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}

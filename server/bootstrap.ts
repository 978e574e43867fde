/**
 * Builds the server-core parts from the environment for `server/index.ts` and the CLI scripts:
 * the PII cipher (data key), the registry adapter, and first-start seeding of the embedded registry.
 *
 * Environment: `KAIHU_DATA_KEY`, `KAIHU_DATA_KEYS_PREVIOUS` (see security/data-key.ts),
 * `KAIHU_REGISTRY_URL` (+ `KAIHU_REGISTRY_API_KEY`, `KAIHU_REGISTRY_TIMEOUT_MS`) for a real
 * provider instead of the embedded registry.
 */
import { loadConfig, type ServerConfig } from './config.ts';
import type { CoreDeps } from './deps.ts';
import { purgeExpiredMedia, retentionDays } from './applications/retention.ts';
import { sharedFaceComparator } from './face/comparator.ts';
import type { FaceComparator } from './registry/face.ts';
import { EmbeddedRegistry, seedCitizens } from './registry/embedded.ts';
import { HttpRegistry } from './registry/http-adapter.ts';
import { demoCitizens } from './registry/demo-citizens.ts';
import { loadPiiCipher } from './security/data-key.ts';
import type { PiiCipher } from './security/pii.ts';
import type { Storage } from './storage/index.ts';
import { getMeta, setMeta } from './storage/meta.ts';
import { logLine } from './logging/log.ts';
import { intakeFromEnv } from './intake/index.ts';
import { resealLegacyRecords } from './intake/record-payload.ts';

/**
 * Entry of the form PDF worker thread (`applications/form-pdf-renderer.ts`). Resolved from this
 * file, one level below the root like `version.ts`'s package.json: the one-file server bundle the
 * e2e tests and benches run sits one level below the root too, so the path holds in both.
 */
export const FORM_PDF_WORKER_URL = new URL(
	'../server/applications/form-pdf.worker.mjs',
	import.meta.url
);

/** Loads the data key; remembers which key derives the blind index so rotation keeps lookups. */
export async function openCipher(
	config: ServerConfig,
	storage: Storage,
	env = process.env
): Promise<PiiCipher> {
	const indexKeyId = await getMeta(storage.db, 'blind_index_key_id');
	const cipher = loadPiiCipher({
		env,
		dataDir: config.dataDir,
		embedded: !config.databaseUrl,
		indexKeyId
	});
	if (!indexKeyId) await setMeta(storage.db, 'blind_index_key_id', cipher.currentKeyId);
	return cipher;
}

export async function bootstrapCore(
	config: ServerConfig,
	storage: Storage,
	env = process.env
): Promise<Partial<CoreDeps>> {
	const cipher = await openCipher(config, storage, env);
	// Device records stored before payloads were sealed get sealed now (a no-op once done).
	const resealed = await resealLegacyRecords(storage.db, cipher);
	if (resealed)
		console.log(JSON.stringify({ level: 'info', msg: 'sealed legacy intake records', resealed }));
	const faceComparator = await loadFaceComparator();
	if (env.KAIHU_REGISTRY_URL) {
		return {
			cipher,
			faceComparator,
			registry: new HttpRegistry({
				url: env.KAIHU_REGISTRY_URL,
				apiKey: env.KAIHU_REGISTRY_API_KEY,
				timeoutMs: Number(env.KAIHU_REGISTRY_TIMEOUT_MS ?? 5000)
			})
		};
	}
	const added = await seedCitizens(storage.db, cipher, demoCitizens(), new Date());
	if (added)
		console.log(
			JSON.stringify({ level: 'info', msg: 'seeded the embedded registry', citizens: added })
		);
	return {
		cipher,
		faceComparator,
		registry: new EmbeddedRegistry(storage.db, cipher, faceComparator)
	};
}

/**
 * The ONNX face comparator (BlazeFace + faceres). Without the model files (install skipped the
 * model pipeline) the server still runs: photo checks then go to manual review, and it says so.
 */
async function loadFaceComparator(): Promise<FaceComparator | undefined> {
	try {
		return await sharedFaceComparator();
	} catch (err) {
		console.warn(
			JSON.stringify({
				level: 'warn',
				msg: 'face models not loaded: face checks go to manual review (run npm run models)',
				name: (err as Error).name
			})
		);
		return undefined;
	}
}

/** Runs the retention purge now and then daily (the timer does not keep the process alive). */
export function startRetention(storage: Storage, env = process.env): void {
	const days = retentionDays(env);
	// The same blob store the server adopts uploads into (recordings are purged there too).
	const blobs = intakeFromEnv(loadConfig(env).dataDir, env).blobs;
	const run = () =>
		purgeExpiredMedia(storage.db, days, new Date(), 'system', blobs)
			.then((r) => r.files && logLine({ level: 'info', msg: 'retention purge', days, ...r }))
			.catch((err: Error) =>
				logLine({ level: 'error', msg: 'retention purge failed', name: err.name })
			);
	void run();
	setInterval(run, 24 * 3600_000).unref();
}

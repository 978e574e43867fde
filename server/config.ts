import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

/** Server configuration, read once from the environment. */
export interface ServerConfig {
	host: string;
	port: number;
	/** Embedded data (SQLite file, blobs) lives here unless external stores are configured. */
	dataDir: string;
	/** When set, PostgreSQL is used instead of the embedded SQLite file. */
	databaseUrl: string | undefined;
	/** Directory with the built client (adapter-static output). */
	clientDir: string;
	/** Balancers whose `X-Forwarded-For` names the client (`KAIHU_TRUSTED_PROXIES`). */
	trustedProxies: string[];
	/** Form PDF renderer threads (`KAIHU_FORM_PDF_THREADS`; default one per core but the loop's, 1–4). */
	formPdfThreads: number;
	/** Submission jobs in hand at once (`KAIHU_JOB_CONCURRENCY`; default 4). */
	jobConcurrency: number;
}

/** A positive integer from the environment, or `fallback` when unset. */
function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1)
		throw new Error(`${name} must be a positive integer, got ${raw}`);
	return n;
}

/** Reads configuration from `env`, with embedded defaults so `npm start` just works. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
	const port = Number(env.PORT ?? 8080);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT must be an integer 0–65535, got ${env.PORT}`);
	}
	return {
		host: env.HOST ?? '127.0.0.1',
		port,
		dataDir: resolve(env.DATA_DIR ?? 'data'),
		databaseUrl: env.DATABASE_URL || undefined,
		clientDir: resolve(env.CLIENT_DIR ?? 'build'),
		trustedProxies: (env.KAIHU_TRUSTED_PROXIES ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean),
		formPdfThreads: count(
			env,
			'KAIHU_FORM_PDF_THREADS',
			Math.max(1, Math.min(4, availableParallelism() - 1))
		),
		jobConcurrency: count(env, 'KAIHU_JOB_CONCURRENCY', 4)
	};
}

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
			.filter(Boolean)
	};
}

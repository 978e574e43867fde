import { loadSignallingConfig } from './config.ts';
import { HmacAuthority } from './credentials.ts';
import { createSignalling, type Signalling } from './index.ts';
import { RedisBus } from './redis-bus.ts';
import { logLine } from '../logging/log.ts';

/**
 * The production signalling, configured from the environment (`SIGNALLING_SECRET`, `REDIS_URL`,
 * `WITNESS_ICE_SERVERS`). Used by `server/index.ts` only.
 */
export async function createServerSignalling(
	env: NodeJS.ProcessEnv = process.env
): Promise<Signalling> {
	const config = loadSignallingConfig(env);
	let bus: RedisBus | undefined;
	if (config.redisUrl) {
		bus = new RedisBus({ url: config.redisUrl });
		await bus.ready();
	}
	return createSignalling({
		authority: new HmacAuthority(config.secret),
		bus,
		iceServers: config.iceServers,
		log: (event) => logLine({ level: 'info', ...event })
	});
}

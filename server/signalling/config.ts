import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** An RTCIceServer as the browser takes it (STUN/TURN); none are needed on a LAN. */
const iceServerSchema = z.object({
	urls: z.union([z.string(), z.array(z.string()).min(1)]),
	username: z.string().optional(),
	credential: z.string().optional()
});
export type IceServerConfig = z.infer<typeof iceServerSchema>;

export interface SignallingConfig {
	/** HMAC secret for witness credentials; must be the same on every instance. */
	secret: Buffer;
	/** Set when several instances share signalling through Redis pub/sub. */
	redisUrl: string | undefined;
	/** STUN/TURN servers handed to clients by `GET /api/witness/config`. */
	iceServers: IceServerConfig[];
}

/**
 * Reads `SIGNALLING_SECRET` (≥ 32 bytes; hex or text), `REDIS_URL` and `WITNESS_ICE_SERVERS`
 * (JSON array of RTCIceServer). Without a secret a random one is used — fine for one instance,
 * refused with Redis because other instances could not verify the credentials.
 */
export function loadSignallingConfig(env: NodeJS.ProcessEnv = process.env): SignallingConfig {
	const redisUrl = env.REDIS_URL || undefined;
	const raw = env.SIGNALLING_SECRET;
	if (!raw && redisUrl)
		throw new Error('REDIS_URL needs SIGNALLING_SECRET shared by all instances');
	const secret = raw
		? /^[0-9a-f]{64,}$/i.test(raw)
			? Buffer.from(raw, 'hex')
			: Buffer.from(raw, 'utf8')
		: randomBytes(32);
	if (secret.length < 32) throw new Error('SIGNALLING_SECRET must be at least 32 bytes');
	let iceServers: IceServerConfig[] = [];
	if (env.WITNESS_ICE_SERVERS) {
		iceServers = z.array(iceServerSchema).parse(JSON.parse(env.WITNESS_ICE_SERVERS));
	}
	return { secret, redisUrl, iceServers };
}

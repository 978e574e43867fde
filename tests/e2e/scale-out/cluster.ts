/**
 * Scale-out for e2e tests (issue #16): one PostgreSQL cluster, one redis-server, one S3 server
 * (s3rver), two Kaihu server processes (own ports and data directories; the same database,
 * Redis, bucket, data key, signalling secret and demo passwords) and a round-robin proxy without
 * stickiness in front of them. `startCluster` answers why it cannot when PostgreSQL or Redis is
 * missing; the caller skips (or fails, under KAIHU_REQUIRE_POSTGRES=1).
 */
import { generateKey } from '../../../server/security/pii.ts';
import { startRedis } from '../../../server/signalling/test-redis.ts';
import {
	startRoundRobinProxy,
	type RoundRobinProxy
} from '../../../server/testing/round-robin-proxy.ts';
import { startTestS3, type TestS3 } from '../../../server/testing/s3-server.ts';
import { startPgCluster, type PgCluster } from '../../../scripts/bench/reliability/pg-cluster.ts';
import { E2E_SIGNALLING_SECRET } from '../browser.ts';
import { freePort, OwnServer } from '../own-server.ts';

export const DEMO_PASSWORD = 'e2e-demo-password';

export interface Cluster {
	/** The proxy's origin: what the browser opens. */
	origin: string;
	proxy: RoundRobinProxy;
	instances: [OwnServer, OwnServer];
	databaseUrl: string;
	dataKey: string;
	s3: TestS3;
	stop(): Promise<void>;
}

/**
 * Starts everything; the proxy listens on `proxyPort` (the page's origin must stay fixed). The
 * instances start one after the other: the first runs the migrations and seeds the demo staff.
 */
export async function startCluster(proxyPort: number): Promise<Cluster | string> {
	const pg = await startPgCluster();
	if (typeof pg === 'string') return pg;
	const stops: (() => unknown)[] = [() => pg.stop()];
	const stopAll = async () => {
		for (const stop of stops.reverse()) await stop();
	};
	try {
		const redis = await startRedis();
		if (redis.url === null) {
			await stopAll();
			return redis.reason;
		}
		stops.push(() => redis.stop());
		const s3 = await startTestS3();
		stops.push(() => s3.close());
		const dataKey = generateKey();
		const env = sharedEnv(pg, redis.url, s3, dataKey);
		const instances: [OwnServer, OwnServer] = [
			new OwnServer(await freePort(), undefined, env),
			new OwnServer(await freePort(), undefined, env)
		];
		for (const instance of instances) {
			// Their logs join the e2e server's, which the journey's privacy check greps.
			instance.teeTo = process.env.KAIHU_E2E_SERVER_LOG;
			stops.push(() => instance.kill());
			await instance.start();
		}
		const proxy = await startRoundRobinProxy(
			instances.map((i) => i.port),
			proxyPort
		);
		stops.push(() => proxy.close());
		return {
			origin: proxy.origin,
			proxy,
			instances,
			databaseUrl: pg.url,
			dataKey,
			s3,
			stop: stopAll
		};
	} catch (err) {
		await stopAll();
		throw err;
	}
}

function sharedEnv(
	pg: PgCluster,
	redisUrl: string,
	s3: TestS3,
	dataKey: string
): Record<string, string> {
	return {
		DATABASE_URL: pg.url,
		KAIHU_DATA_KEY: dataKey,
		REDIS_URL: redisUrl,
		SIGNALLING_SECRET: E2E_SIGNALLING_SECRET,
		KAIHU_DEMO_PASSWORD: DEMO_PASSWORD,
		KAIHU_S3_BUCKET: s3.bucket,
		KAIHU_S3_ENDPOINT: s3.endpoint,
		KAIHU_S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
		KAIHU_S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
		KAIHU_S3_UPLOADS: 'on',
		// The proxy appends X-Forwarded-For, as a balancer does.
		KAIHU_TRUSTED_PROXIES: '127.0.0.1'
	};
}

/** Skips (or, with KAIHU_REQUIRE_POSTGRES=1, fails) loudly with why the cluster did not start. */
export function unavailable(reason: string): string {
	const message = `[scale-out] SKIPPING two-instance e2e: ${reason}`;
	if (process.env.KAIHU_REQUIRE_POSTGRES === '1') throw new Error(message);
	console.log(message);
	return message;
}

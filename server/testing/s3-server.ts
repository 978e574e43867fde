/**
 * A real S3-compatible HTTP server for tests (s3rver, from npm: starts offline, in-process, on a
 * free loopback port, objects in a throwaway directory). Speaks the S3 REST API the AWS SDK uses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error s3rver ships no types; the three members used here are declared below.
import S3rver from 's3rver';

interface S3rverInstance {
	run(): Promise<{ address: string; port: number }>;
	close(): Promise<void>;
}
type S3rverCtor = new (options: Record<string, unknown>) => S3rverInstance;

export interface TestS3 {
	endpoint: string;
	bucket: string;
	credentials: { accessKeyId: string; secretAccessKey: string };
	close(): Promise<void>;
}

/** Starts an S3 server with one empty bucket. */
export async function startTestS3(bucket = 'kaihu-blobs'): Promise<TestS3> {
	const directory = mkdtempSync(join(tmpdir(), 'kaihu-s3-'));
	const server = new (S3rver as S3rverCtor)({
		address: '127.0.0.1',
		port: 0,
		silent: true,
		directory,
		configureBuckets: [{ name: bucket }]
	});
	const { port } = await server.run();
	return {
		endpoint: `http://127.0.0.1:${port}`,
		bucket,
		credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
		async close() {
			await server.close();
			rmSync(directory, { recursive: true, force: true });
		}
	};
}

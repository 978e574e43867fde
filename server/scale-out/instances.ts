/**
 * Two in-process "instances" for scale-out tests: each has its own app, its own database pool
 * (on one shared PostgreSQL database), its own S3 client and scratch directory (on one shared S3
 * server) and its own tus server and upload locks — nothing in process memory is shared through
 * the test, only what a real deployment shares.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.ts';
import { s3Intake } from '../intake/index.ts';
import type { PiiCipher } from '../security/pii.ts';
import type { Storage } from '../storage/index.ts';
import type { TestS3 } from '../testing/s3-server.ts';

export interface Instance {
	app: ReturnType<typeof createApp>;
	storage: Storage;
	/** One request from `ip` (the client address throttles key on). */
	request(path: string, init: RequestInit, ip?: string): Promise<Response>;
}

/** Builds instance A and B on `storages` (two handles on one database) and `s3`. */
export function twoInstances(
	storages: [Storage, Storage],
	s3: TestS3,
	cipher: PiiCipher
): { instances: [Instance, Instance]; close(): void } {
	const dirs: string[] = [];
	const make = (storage: Storage): Instance => {
		const dir = mkdtempSync(join(tmpdir(), 'kaihu-instance-'));
		dirs.push(dir);
		const intake = s3Intake(
			dir,
			{ bucket: s3.bucket, endpoint: s3.endpoint, credentials: s3.credentials },
			undefined,
			true
		);
		const app = createApp({ storage, version: 'test', intake, core: { cipher, log: () => {} } });
		return {
			app,
			storage,
			request: (path, init, ip = '203.0.113.9') =>
				Promise.resolve(app.request(path, init, { incoming: { socket: { remoteAddress: ip } } }))
		};
	};
	return {
		instances: [make(storages[0]), make(storages[1])],
		close: () => dirs.forEach((d) => rmSync(d, { recursive: true, force: true }))
	};
}

/**
 * What the two-instance cluster stored, read at the source: records from PostgreSQL (payloads
 * decrypted with the cluster's data key), blobs from the S3 bucket (hashed here).
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { readRecordBlobs } from '../../../server/intake/record-blobs.ts';
import { readRecordPayload } from '../../../server/intake/record-payload.ts';
import { loadPiiCipher } from '../../../server/security/data-key.ts';
import type { ServerRecord } from '../outbox-db.ts';
import type { Cluster } from './cluster.ts';

/** Every intake record in the cluster's database. */
export async function clusterRecords(cluster: Cluster): Promise<ServerRecord[]> {
	const client = new pg.Client({ connectionString: cluster.databaseUrl });
	await client.connect();
	try {
		const { rows } = await client.query<{
			id: string;
			kind: string;
			payload: string;
			blobs: string;
		}>('SELECT id, kind, payload, blobs FROM intake_records');
		const cipher = loadPiiCipher({
			env: { KAIHU_DATA_KEY: cluster.dataKey },
			dataDir: ':memory:',
			embedded: false
		});
		return rows.map((r) => ({
			id: r.id,
			kind: r.kind,
			payload: readRecordPayload(cipher, r) as Record<string, unknown>,
			blobs: readRecordBlobs(cipher, r) as ServerRecord['blobs'],
			stored: r.payload
		}));
	} finally {
		await client.end();
	}
}

/** sha256 of the blob stored in the bucket under `sha256`, or `null` when it is not there. */
export async function clusterBlobSha(cluster: Cluster, sha256: string): Promise<string | null> {
	const s3 = new S3Client({
		endpoint: cluster.s3.endpoint,
		region: 'us-east-1',
		forcePathStyle: true,
		credentials: cluster.s3.credentials
	});
	try {
		const res = await s3.send(
			new GetObjectCommand({
				Bucket: cluster.s3.bucket,
				Key: `sha256/${sha256.slice(0, 2)}/${sha256}`
			})
		);
		const hash = createHash('sha256');
		for await (const chunk of res.Body as Readable) hash.update(chunk as Buffer);
		return hash.digest('hex');
	} catch {
		return null;
	} finally {
		s3.destroy();
	}
}

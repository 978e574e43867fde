import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { finalize, saveDraft } from '../captures.ts';
import { openDb, type KaihuDb } from '../db.ts';
import { listOutbox, updateEntry } from '../outbox.ts';
import { classifyStatus, SyncError } from './failure.ts';
import { BACKOFF_CAP_MS } from './rule.ts';
import { SyncRunner } from './runner.ts';
import type { RecordBody, Transport } from './transport.ts';

const dbs: KaihuDb[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

/** A server that dedups by idempotency key, behind a network that fails on demand. */
function fakeServer(failRate: number, seed = 1) {
	let a = seed;
	const rand = () => (a = (a * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
	const records = new Map<string, RecordBody>();
	const blobs = new Map<string, number>();
	const partial = new Map<string, number>();
	let received = 0;
	const flaky = () => {
		if (rand() < failRate) throw new SyncError(classifyStatus(rand() < 0.5 ? 0 : 503, true));
	};
	const transport: Transport = {
		async blobExists(sha) {
			flaky();
			return blobs.has(sha);
		},
		async uploadBlob(data, blob, hooks) {
			const url = blob.uploadUrl ?? `u-${blob.sha256}`;
			hooks.onUrl(url);
			const have = partial.get(url) ?? 0;
			// Sends the rest in two halves; the network may drop between them.
			const mid = have + Math.ceil((data.size - have) / 2);
			partial.set(url, mid);
			received += mid - have;
			hooks.onProgress(mid);
			flaky();
			received += data.size - mid;
			partial.set(url, data.size);
			blobs.set(blob.sha256, data.size);
		},
		async postRecord(body) {
			flaky();
			if (body.blobs.some((b) => !blobs.has(b.sha256))) throw new Error('blob missing');
			const first = records.get(body.idempotencyKey);
			if (!first) records.set(body.idempotencyKey, body);
			flaky(); // the server stored it, but the answer may be lost
		}
	};
	return { transport, records, blobs, received: () => received };
}

async function queue(db: KaihuDb, n: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < n; i++) {
		const bytes = new Uint8Array(1000 + i);
		bytes.fill(i);
		const draft = await saveDraft(db, {
			kind: 'walk-in',
			data: { name: `客户${i}` },
			files: [{ name: `p${i}.jpg`, type: 'image/jpeg', bytes }]
		});
		ids.push(await finalize(db, draft, undefined, i));
	}
	return ids;
}

describe('SyncRunner against a flaky network', () => {
	it('delivers every record exactly once, uploads each blob once, then purges the device', async () => {
		const db = openDb('runner', { indexedDB: new IDBFactory(), IDBKeyRange });
		dbs.push(db);
		const ids = await queue(db, 6);
		const server = fakeServer(0.35, 7);
		let clock = 1_000;
		const runner = new SyncRunner({
			db,
			transport: server.transport,
			now: () => clock,
			exclusive: (fn) => fn()
		});
		for (let i = 0; i < 400; i++) {
			await runner.kick('timer');
			const rows = await listOutbox(db);
			if (rows.every((r) => r.state === 'sent')) break;
			const waits = rows.filter((r) => r.state === 'queued').map((r) => r.nextAttemptAt - clock);
			expect(Math.max(0, ...waits)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
			clock += BACKOFF_CAP_MS; // let every backoff expire
		}
		await runner.stop();
		const rows = await listOutbox(db);
		expect(rows.map((r) => r.state)).toEqual(ids.map(() => 'sent'));
		expect(new Set([...server.records.values()].map((r) => r.id))).toEqual(new Set(ids));
		expect(server.records.size).toBe(ids.length);
		const total = rows.reduce((n, r) => n + r.totalBytes, 0);
		expect(server.received()).toBe(total); // resumed, never re-sent from zero
		expect(rows.every((r) => r.sealed === undefined && r.blobs.length === 0)).toBe(true);
		expect(await db.chunks.count()).toBe(0);
	});

	it('parks a conflicting record as failed with a bilingual reason, and retries on request', async () => {
		const db = openDb('runner2', { indexedDB: new IDBFactory(), IDBKeyRange });
		dbs.push(db);
		const [id] = await queue(db, 1);
		let conflict = true;
		const server = fakeServer(0);
		const transport: Transport = {
			...server.transport,
			postRecord: async (b) => {
				if (conflict) throw new SyncError(classifyStatus(409, true));
				return server.transport.postRecord(b);
			}
		};
		const runner = new SyncRunner({ db, transport, exclusive: (fn) => fn() });
		await runner.kick('open');
		const [row] = await listOutbox(db);
		expect(row).toMatchObject({ id, state: 'failed', lastError: { code: 'conflict' } });
		expect(row?.lastError?.zh).toBeTruthy();
		expect(row?.sealed).toBeDefined(); // nothing deleted without the server's confirmation
		conflict = false;
		await runner.retry(id!);
		expect((await listOutbox(db))[0]?.state).toBe('sent');
		await runner.stop();
	});

	it('does nothing while offline', async () => {
		const db = openDb('runner3', { indexedDB: new IDBFactory(), IDBKeyRange });
		dbs.push(db);
		await queue(db, 1);
		const server = fakeServer(0);
		const runner = new SyncRunner({
			db,
			transport: server.transport,
			isOnline: () => false,
			exclusive: (fn) => fn()
		});
		await runner.kick('open');
		expect(server.records.size).toBe(0);
		expect((await listOutbox(db))[0]?.state).toBe('queued');
		await runner.stop();
	});

	it('coming back online during an upload the outage cut still makes that record due', async () => {
		// The chaos e2e failure: a record whose backoff had reached its cap was being uploaded when
		// the network dropped; `online` fired before the cut request failed, the failure re-armed a
		// 5 min backoff, and the newer record went first while this one sat out a healthy network.
		const db = openDb('runner4', { indexedDB: new IDBFactory(), IDBKeyRange });
		dbs.push(db);
		const [a, b] = await queue(db, 2);
		await updateEntry(db, a!, { attempts: 9 });
		const aSha = (await listOutbox(db))[0]!.blobs[0]!.sha256;
		const server = fakeServer(0);
		let online = true;
		let cut: (() => void) | undefined;
		let onWire: () => void = () => undefined;
		const requestOnWire = new Promise<void>((r) => (onWire = r));
		const order: string[] = [];
		const transport: Transport = {
			...server.transport,
			blobExists: (sha) => {
				if (sha !== aSha || order.length > 0 || cut) return server.transport.blobExists(sha);
				return new Promise<boolean>((_, reject) => {
					cut = () => reject(new SyncError(classifyStatus(0, online)));
					onWire();
				});
			},
			postRecord: async (body) => {
				order.push(body.id);
				return server.transport.postRecord(body);
			}
		};
		const runner = new SyncRunner({
			db,
			transport,
			isOnline: () => online,
			now: () => 1_000, // the clock stands still: no backoff can expire on its own
			exclusive: (fn) => fn()
		});
		const first = runner.kick('open');
		await requestOnWire; // A's request is on the wire when the network drops …
		online = false;
		online = true; // … and comes back before that request errors out
		void runner.kick('online');
		await new Promise((r) => setTimeout(r, 20));
		cut!(); // now the request the outage cut fails
		await first;
		await vi.waitFor(
			async () => expect((await listOutbox(db)).map((r) => r.state)).toEqual(['sent', 'sent']),
			{ timeout: 2_000 }
		);
		expect(order).toEqual([a, b]); // still oldest first
		await runner.stop();
	});
});

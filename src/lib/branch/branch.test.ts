import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type KaihuDb } from '$lib/store/db.ts';
import { listOutbox, loadPayload } from '$lib/store/outbox.ts';
import { confirmSent } from '$lib/store/outbox.ts';
import {
	bulkProgress,
	listCustomers,
	missingFor,
	saveCustomer,
	startCustomer,
	submitCustomer,
	WALK_IN_KIND
} from './customers.ts';
import { checkPassword, forgetDevice, rememberDevice, rememberedStaff } from './device.ts';

const opened: KaihuDb[] = [];
function fresh(): KaihuDb {
	const db = openDb('kaihu-branch-test', { indexedDB: new IDBFactory(), IDBKeyRange });
	opened.push(db);
	return db;
}
afterEach(() => {
	for (const db of opened.splice(0)) db.close();
});

const STAFF = { staffId: 's-1', username: 'agent' };
const photo = (n: number) => ({
	name: 'id-front.jpg',
	type: 'image/jpeg',
	bytes: new Uint8Array(n).fill(7)
});

describe('remembered device', () => {
	it('unlocks offline with the right password only, and never stores the password', async () => {
		const db = fresh();
		await rememberDevice(
			db,
			{ id: 's-1', username: 'agent', role: 'agent' },
			'correct horse',
			1000
		);
		const who = await rememberedStaff(db);
		expect(who).toMatchObject({
			staffId: 's-1',
			username: 'agent',
			role: 'agent',
			iterations: 1000
		});
		expect(JSON.stringify(await db.settings.toArray())).not.toContain('correct horse');
		expect(await checkPassword(who!, 'correct horse')).toBe(true);
		expect(await checkPassword(who!, 'correct horse ')).toBe(false);
		await forgetDevice(db);
		expect(await rememberedStaff(db)).toBeUndefined();
	});
});

describe('walk-in queue', () => {
	it('keeps an incomplete customer as a draft and says what is missing', async () => {
		const db = fresh();
		const id = await startCustomer(db, STAFF, 1);
		await saveCustomer(db, id, { name: '王五', idNumber: '110105194912310021', phone: '' });
		await expect(submitCustomer(db, id)).rejects.toMatchObject({ code: 'not_final' });
		const [item] = await listCustomers(db);
		expect(item).toMatchObject({ id, status: 'draft', name: '王五' });
		expect(missingFor({ name: '王五', idNumber: '110105194912310021' }, [])).toEqual([
			'idNumber',
			'id-front.jpg'
		]);
	});

	it('queues a complete customer with who captured them; shows progress; forgets the name once sent', async () => {
		const db = fresh();
		const a = await startCustomer(db, STAFF, 1);
		await saveCustomer(db, a, { name: ' 王五 ', idNumber: '11010519491231002x', phone: '1' }, [
			photo(100)
		]);
		const recordId = await submitCustomer(db, a);
		const b = await startCustomer(db, STAFF, 2);
		const [row] = await listOutbox(db);
		expect(row?.kind).toBe(WALK_IN_KIND);
		expect(await loadPayload(db, row!)).toMatchObject({
			name: '王五',
			idNumber: '11010519491231002X',
			capturedBy: STAFF
		});
		let items = await listCustomers(db);
		expect(items.map((i) => [i.status, i.name])).toEqual([
			['draft', undefined],
			['queued', '王五']
		]);
		expect(bulkProgress(items)).toEqual({ sent: 0, total: 1, bytesSent: 0, bytesTotal: 100 });
		await confirmSent(db, recordId);
		items = await listCustomers(db);
		expect(items.find((i) => i.id === recordId)).toMatchObject({ status: 'sent', name: undefined });
		expect(bulkProgress(items)).toEqual({ sent: 1, total: 1, bytesSent: 100, bytesTotal: 100 });
		expect(items.find((i) => i.id === b)?.status).toBe('draft');
	});
});

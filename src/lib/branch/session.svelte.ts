/**
 * Branch-staff mode's state in the page: who the device remembers, whether this tab is unlocked,
 * and the live customer queue.
 */
import { liveQuery } from 'dexie';
import { login } from '$lib/staff';
import { db } from '$lib/store/db.ts';
import {
	BRANCH_ROLES,
	checkPassword,
	forgetDevice,
	lock,
	markUnlocked,
	rememberDevice,
	rememberedStaff,
	unlockedFor,
	type BranchRole,
	type RememberedStaff
} from './device.ts';
import { listCustomers, type CustomerItem } from './customers.ts';

/** Why unlocking or logging in failed (`error` carries the staff API's own typed error). */
export type BranchAuthFailure =
	| { code: 'wrong_password' }
	| { code: 'role_not_allowed'; role: string }
	| { code: 'server'; error: unknown };

class BranchSession {
	checked = $state(false);
	remembered: RememberedStaff | undefined = $state();
	/** The staff member this tab works as (unlocked), if any. */
	staff: { staffId: string; username: string } | undefined = $state();

	async init(): Promise<void> {
		this.remembered = await rememberedStaff(db());
		const id = unlockedFor();
		if (this.remembered && id === this.remembered.staffId) {
			this.staff = { staffId: this.remembered.staffId, username: this.remembered.username };
		}
		this.checked = true;
	}

	/** Online login through the staff API; remembers the device when asked. */
	async login(
		username: string,
		password: string,
		remember: boolean
	): Promise<BranchAuthFailure | null> {
		let me;
		try {
			me = await login(username, password);
		} catch (error) {
			return { code: 'server', error };
		}
		if (!(BRANCH_ROLES as readonly string[]).includes(me.role)) {
			return { code: 'role_not_allowed', role: me.role };
		}
		const staff = { id: me.id, username: me.username, role: me.role as BranchRole };
		if (remember) this.remembered = await rememberDevice(db(), staff, password);
		markUnlocked(me.id);
		this.staff = { staffId: me.id, username: me.username };
		return null;
	}

	/** Offline unlock against the remembered verifier. */
	async unlock(password: string): Promise<BranchAuthFailure | null> {
		const who = this.remembered;
		if (!who || !(await checkPassword(who, password))) return { code: 'wrong_password' };
		markUnlocked(who.staffId);
		this.staff = { staffId: who.staffId, username: who.username };
		// Online, the same password also renews the server session that sending walk-ins needs
		// (the server checks `capturedBy` against it); offline, the unlock alone is enough.
		if (globalThis.navigator?.onLine) await login(who.username, password).catch(() => undefined);
		return null;
	}

	lock(): void {
		lock();
		this.staff = undefined;
	}

	async forget(): Promise<void> {
		await forgetDevice(db());
		this.remembered = undefined;
		this.staff = undefined;
	}
}

export const branch = new BranchSession();

/** The customer queue as live state (updates on every write, from any tab or the worker). */
export function customersView(): { readonly items: CustomerItem[] } {
	let items: CustomerItem[] = $state([]);
	$effect(() => {
		const sub = liveQuery(() => listCustomers(db())).subscribe({ next: (r) => (items = r) });
		return () => sub.unsubscribe();
	});
	return {
		get items() {
			return items;
		}
	};
}

/**
 * The staff session of this tab as reactive state, and a page guard for staff consoles.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 * 	import { onMount } from 'svelte';
 * 	import { requireStaff, staffSession } from '$lib/staff';
 * 	onMount(() => void requireStaff(['reviewer', 'admin']));
 * </script>
 * {#if staffSession.me}…{/if}
 * ```
 */
import { goto } from '$app/navigation';
import { staffClient, type StaffMe, type StaffRole } from './client.ts';
import { loginUrl } from './navigation.ts';

/** `me` is the logged-in staff member; `checked` turns true once the server was asked. */
export const staffSession = $state<{ me: StaffMe | null; checked: boolean }>({
	me: null,
	checked: false
});

/** Asks the server who is logged in (the session cookie is HttpOnly, so only it knows). */
export async function refreshSession(): Promise<StaffMe | null> {
	const me = await staffClient.me();
	staffSession.me = me;
	staffSession.checked = true;
	return me;
}

/** Logs in and records the session. */
export async function login(username: string, password: string): Promise<StaffMe> {
	const me = await staffClient.login(username, password);
	staffSession.me = me;
	staffSession.checked = true;
	return me;
}

/** Logs out and goes to the login page. */
export async function logout(): Promise<void> {
	await staffClient.logout();
	staffSession.me = null;
	// eslint-disable-next-line svelte/no-navigation-without-resolve -- a fixed same-origin path
	await goto('/staff/login');
}

/**
 * Guard for a staff page: not logged in → the login page (coming back here afterwards);
 * logged in with another role → `'forbidden'` (the page shows why). Otherwise the staff member.
 */
export async function requireStaff(
	roles: readonly StaffRole[]
): Promise<StaffMe | 'forbidden' | null> {
	const me = await refreshSession();
	if (!me) {
		const here = location.pathname + location.search;
		// eslint-disable-next-line svelte/no-navigation-without-resolve -- built from this page's own path
		await goto(loginUrl(here), { replaceState: true });
		return null;
	}
	return roles.includes(me.role) ? me : 'forbidden';
}

/** Where a staff member goes after login, and which `?next=` targets are safe to follow. */
import type { StaffRole } from './client.ts';

/** The console of each role (agents witness calls, reviewers and admins decide). */
export function homeFor(role: StaffRole): string {
	return role === 'agent' ? '/agent' : '/review';
}

/**
 * A `?next=` value is followed only when it is a path on this origin: it starts with one `/`
 * (not `//host` or `/\host`, which browsers treat as another origin) and is not the login page.
 */
export function safeNext(next: string | null | undefined): string | undefined {
	if (!next || next.length > 500) return undefined;
	if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
	if ([...next].some((ch) => ch.charCodeAt(0) < 0x20)) return undefined;
	if (next.startsWith('/staff/login')) return undefined;
	return next;
}

/** The login page URL that brings the user back to `path` afterwards. */
export function loginUrl(path: string): string {
	return `/staff/login?next=${encodeURIComponent(path)}`;
}

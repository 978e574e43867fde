/**
 * Staff sign-in from the browser: a typed client for `/api/auth/*` (and any staff API route) with
 * CSRF handling, the tab's session state and a page guard. See README.md.
 */
export { StaffClient, staffClient, STAFF_ROLES } from './client.ts';
export type { StaffMe, StaffRole, HttpMethod } from './client.ts';
export { StaffApiError, type StaffErrorCode } from './errors.ts';
export { t as staffText } from './messages.ts';
export { homeFor, safeNext, loginUrl } from './navigation.ts';
export { staffSession, refreshSession, login, logout, requireStaff } from './session.svelte.ts';
export { default as StaffBar } from './StaffBar.svelte';

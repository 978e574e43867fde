/** Staff roles. Agents run witness calls; reviewers decide; admins manage staff. */
export const STAFF_ROLES = ['agent', 'reviewer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who may call a route: anyone, the customer holding the application's token, or staff roles. */
export type Access =
	{ kind: 'public' } | { kind: 'customer' } | { kind: 'staff'; roles: readonly StaffRole[] };

/** The authenticated caller of a request. */
export type Principal =
	| { kind: 'anonymous' }
	| { kind: 'customer'; applicationId: string }
	| { kind: 'staff'; staffId: string; username: string; role: StaffRole; csrfToken: string };

import type { AgentApi } from '$lib/witness/agent-api.ts';

/** The logged-in agent's API for the console's pages (set by the layout's session gate). */
export const session = $state<{ api: AgentApi | null }>({ api: null });

export function setAgent(api: AgentApi | null): void {
	session.api = api;
}

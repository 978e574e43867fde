/**
 * Results other flows hand back to the wizard within one page session (SvelteKit keeps modules
 * alive across client navigations). The liveness page (`src/routes/liveness/`) sets
 * `handoff.liveness` when its check ends and links back to `/open`; the wizard stores it sealed.
 * `handoff.application` tells the liveness page which application (and token) to bind its
 * nonce to.
 */
import type { LivenessOutcome, ServerApplication } from './types.ts';

export const handoff: {
	liveness: LivenessOutcome | undefined;
	application: ServerApplication | undefined;
} = $state({ liveness: undefined, application: undefined });

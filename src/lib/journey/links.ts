/**
 * Pages of flows built alongside the wizard that are not routes in every build yet. Kept here so
 * the wizard links to them in one place; when the route lands, switch the caller to `resolve()`.
 */

/** The liveness + face-match check (`src/routes/liveness/`); it returns to `/open` with its result. */
export const LIVENESS_PATH = '/liveness';

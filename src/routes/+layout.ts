// A client-only SPA: every capture step runs in the browser, and the Hono server serves the fallback.
export const ssr = false;
export const prerender = false;

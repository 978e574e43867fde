/**
 * Entry of the form PDF worker thread. Node 20 cannot load TypeScript by itself, and a worker
 * started from the one-file server bundle (e2e tests, benches) has no loader either: tsx (a
 * runtime dependency, `npm start` runs on it) loads the TypeScript worker for this thread only.
 */
import { tsImport } from 'tsx/esm/api';

await tsImport('./form-pdf.worker.ts', import.meta.url);

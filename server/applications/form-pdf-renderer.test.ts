/**
 * The form PDF on its worker thread (issue #16) gives exactly the in-thread renderer's bytes, so
 * the stored sha256 does not depend on where it ran; concurrent renders get their own answers; a
 * refused input and a lost worker come back as typed errors, and the next render works again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../storage/index.ts';
import { FORM_FIELDS, pdfText } from '../testing/form-pdf.ts';
import { harness, TINY_PNG } from '../testing/harness.ts';
import { buildFormPdf, type FormFields } from './form-pdf.ts';
import { FormPdfRenderError, WorkerFormPdfRenderer } from './form-pdf-renderer.ts';

const fields: FormFields = FORM_FIELDS;
const png = Buffer.from(TINY_PNG, 'base64');
const at = new Date('2026-01-02T03:04:05Z');

describe('form PDF on a worker thread', () => {
	const renderer = new WorkerFormPdfRenderer(new URL('./form-pdf.worker.mjs', import.meta.url));
	afterAll(() => renderer.close());

	it('renders the same bytes and text as the in-thread renderer', async () => {
		const here = await buildFormPdf('app-1', fields, png, 'low', at);
		const there = await renderer.render('app-1', fields, png, 'low', at);
		expect(there.sha256).toBe(here.sha256);
		expect(Buffer.from(there.bytes).equals(Buffer.from(here.bytes))).toBe(true);
		const text = pdfText(there.bytes);
		expect(text).toBe(pdfText(here.bytes));
		expect(text).toContain('欧阳娜娜');
		expect(text).toContain('622848******0018');
	});

	it('answers concurrent renders each with its own form', async () => {
		const ids = ['app-a', 'app-b', 'app-c'];
		const [mine, theirs] = await Promise.all([
			Promise.all(ids.map((id) => buildFormPdf(id, fields, png, 'medium', at))),
			Promise.all(ids.map((id) => renderer.render(id, fields, png, 'medium', at)))
		]);
		expect(theirs.map((p) => p.sha256)).toEqual(mine.map((p) => p.sha256));
		expect(new Set(theirs.map((p) => p.sha256)).size).toBe(3);
	});

	it('refuses a signature pdf-lib cannot read with render_failed, and keeps working', async () => {
		const err = await renderer
			.render('app-1', fields, new Uint8Array([1, 2, 3]), 'low', at)
			.catch((e: unknown) => e);
		expect(err).toBeInstanceOf(FormPdfRenderError);
		expect((err as FormPdfRenderError).code).toBe('render_failed');
		const again = await renderer.render('app-1', fields, png, 'low', at);
		expect(again.sha256).toBe((await buildFormPdf('app-1', fields, png, 'low', at)).sha256);
	});

	it('the submission job stores the PDF the worker rendered, with its sha256, and moves the application on', async () => {
		const storage = await openStorage({ dataDir: ':memory:' });
		const rendered: string[] = [];
		const formPdf = {
			render: async (...args: Parameters<WorkerFormPdfRenderer['render']>) => {
				const pdf = await renderer.render(...args);
				rendered.push(pdf.sha256);
				return pdf;
			},
			close: async () => undefined
		};
		try {
			const h = await harness(storage, { formPdf });
			const a = await h.newApplication();
			const res = await h.customerCall(a.token, 'POST', `/api/applications/${a.id}/submit`, h.submission(0), { 'idempotency-key': `worker-${a.id}` }); // prettier-ignore
			expect(res.status).toBe(200);
			expect(await h.drain()).toBe(1);
			const app = await storage.db
				.selectFrom('applications')
				.select(['state', 'form_sha256'])
				.where('id', '=', a.id)
				.executeTakeFirstOrThrow();
			expect(app.state).not.toBe('submitted');
			expect(rendered).toEqual([app.form_sha256]);
			const file = await storage.db
				.selectFrom('app_files')
				.select(['sha256', 'data'])
				.where('application_id', '=', a.id)
				.where('kind', '=', 'form_pdf')
				.executeTakeFirstOrThrow();
			expect(file.sha256).toBe(app.form_sha256);
			expect(pdfText(h.cipher.decryptBytes(file.data!))).toContain('开户申请书');
		} finally {
			await storage.close();
		}
	});

	it('fails renders in flight with worker_lost when the worker goes, then starts a new one', async () => {
		const inFlight = renderer.render('app-1', fields, png, 'low', at).catch((e: unknown) => e);
		await renderer.close();
		const err = await inFlight;
		expect(err).toBeInstanceOf(FormPdfRenderError);
		expect((err as FormPdfRenderError).code).toBe('worker_lost');
		const again = await renderer.render('app-2', fields, png, 'low', at);
		expect(again.sha256).toBe((await buildFormPdf('app-2', fields, png, 'low', at)).sha256);
	});
});

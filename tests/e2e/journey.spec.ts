/**
 * The customer journey end to end against the real server, once in zh-CN and once in en, with no
 * stand-ins: the customer's phone (Chromium with a fake camera) photographs the ID card's two
 * sides and the bank card (generated card videos, read by OCR and confirmed in the wizard),
 * passes the liveness check as the face actor, signs and submits, books the video witness and
 * waits; the agent (a second context) takes the call in `/agent`, checks the case file and
 * approves; the reviewer approves in `/review`; the customer sees the account number.
 */
import { test } from '@playwright/test';
import { RUNS, runJourney } from './journey/run.ts';

for (const run of RUNS) {
	test(`the full journey in ${run.locale}: cards, liveness, witness call, approval, account number`, async ({
		baseURL
	}) => {
		test.setTimeout(240_000);
		await runJourney(run, baseURL!);
	});
}

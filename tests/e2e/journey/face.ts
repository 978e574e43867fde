/**
 * The liveness step with the face actor: the wizard opens the check for its application; the
 * actor is rendered for the challenge the server issues to that application and becomes the
 * fake camera (and microphone) before the check opens it; the check passes and hands its result
 * back to the wizard. As in `tests/e2e/liveness.spec.ts`, the test asks the server for the
 * challenge (the actor has to know its lines before the camera starts) and the page receives
 * exactly that challenge.
 */
import { expect, type Page } from '@playwright/test';
import type { LivenessChallenge } from '../../../src/lib/vision/liveness/types.ts';
import { cooperative } from '../../fixtures/faces/actor/attacks.ts';
import { FAKE_CAMERA_TIMING } from '../../fixtures/faces/actor/script.ts';
import { renderActorVideo } from '../../fixtures/faces/actor/videos.ts';
import type { FakeCamera } from './camera.ts';
import { expectStep } from './walk.ts';

async function issue(baseURL: string, app: string, token: string) {
	const res = await fetch(`${baseURL}/api/applications/${app}/liveness/challenge`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: '{}'
	});
	expect(res.status).toBe(200);
	const body = await res.text();
	return { body, challenge: JSON.parse(body) as LivenessChallenge };
}

/** Passes the liveness step with the cooperative actor; returns at the next wizard step. */
export async function passLiveness(page: Page, camera: FakeCamera, baseURL: string) {
	await expectStep(page, 'liveness');
	await page.getByTestId('liveness-start').click();
	await expect(page).toHaveURL(/\/liveness\?app=/);
	const url = new URL(page.url());
	const app = url.searchParams.get('app') ?? '';
	const token = new URLSearchParams(url.hash.slice(1)).get('t') ?? '';
	expect(token).not.toBe('');

	const { body, challenge } = await issue(baseURL, app, token);
	const steps = challenge.steps.map((s) => s.action);
	// Any of the random challenges: the actor's lines are timed for the fake camera's start.
	const video = await renderActorVideo(cooperative(challenge, FAKE_CAMERA_TIMING).script);
	camera.show(video.y4m, video.wav);
	await page.route('**/liveness/challenge', (route) =>
		route.fulfill({ status: 200, body, contentType: 'application/json' })
	);
	await page.getByTestId('liveness').getByRole('button').click();
	const report = page.locator('[data-testid="liveness-json"][data-attempt="1"]');
	await expect(report).not.toBeEmpty({ timeout: 90_000 });
	const r = JSON.parse((await report.textContent()) ?? '{}') as {
		reason: string | null;
		steps: unknown[];
		tracker: { fps: number };
	};
	console.log(`liveness ${steps.join(',')}: ${JSON.stringify(r.steps)} ${r.reason ?? 'passed'}, tracker ${r.tracker.fps.toFixed(1)} fps`); // prettier-ignore
	await expect(page.getByTestId('liveness-passed')).toBeVisible();
	await page.unroute('**/liveness/challenge');
	await page.getByTestId('liveness-back').click();
	await expectStep(page, 'registry');
	return { steps, renderMs: video.ms };
}

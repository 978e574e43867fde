/**
 * A puppet camera for the liveness page: the scripted face actor (tests/fixtures/faces/actor/),
 * rendered as short clips (holding still, each action, leaving, a second face, a swap), played
 * into a canvas stream that replaces `getUserMedia`, with the clips' voice as the microphone.
 *
 * Why not Chromium's fake camera here: it plays one fixed video from launch, and the liveness
 * check now shows each prompt after a random delay and wants the action to start within a short
 * window after it. A person sees the prompt and reacts; a fixed video can only guess when the
 * prompt comes, and on a loaded machine (tracker at 3–5 fps, the fake camera's clock slipping)
 * its guesses miss by more than the window. The puppet reacts to the page's own prompt after a
 * human reaction time. Replays that cannot see the prompt are what the fixed fake camera is
 * still used for (the manual-review test, `npm run liveness`, the replay attack set).
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LivenessAction } from '../../src/lib/vision/liveness/types.ts';
import {
	ACTION_SECONDS,
	type ActorAction,
	type ActorScript
} from '../fixtures/faces/actor/script.ts';
import { renderActorVideo } from '../fixtures/faces/actor/videos.ts';
import type { SpeechLang } from '../../src/lib/vision/speech/words.ts';
import { readDigitsWav } from '../fixtures/speech/voice.ts';
import { launchOptions } from './browser.ts';
import { puppetInPage, type PuppetPagePlan } from './puppet-page.ts';

const FPS = 15;
/** A person starts to act this long after a prompt appears (visual reaction time, s). */
export const REACTION_MS = 450;

/** A clip: one actor event from 0 s (or none: holding still), then still until its end. */
interface ClipSpec {
	action?: ActorAction;
	seconds: number;
	/** Keep showing the last frame afterwards (a swap stays swapped). */
	hold?: boolean;
	loop?: boolean;
}

const CLIPS: Record<string, ClipSpec> = {
	neutral: { seconds: 2, loop: true },
	...Object.fromEntries(
		(['blink', 'turn-left', 'turn-right', 'nod', 'open-mouth', 'read-digits'] as const).map((a) => [
			a,
			{ action: a, seconds: ACTION_SECONDS[a] + 0.3 }
		])
	),
	leave: { action: 'leave', seconds: 2.4 },
	'second-face': { action: 'second-face', seconds: 3 },
	swap: { action: 'swap', seconds: 1, hold: true }
};
export type PuppetClip = keyof typeof CLIPS;

interface RenderedClip {
	frames: string[];
	wav?: string;
}

/** Renders (or finds cached) the clip's video, split into JPEG frames by ffmpeg. */
async function renderClip(name: string, spec: ClipSpec): Promise<RenderedClip> {
	const script: ActorScript = {
		duration: spec.seconds,
		events: spec.action ? [{ action: spec.action, at: 0 }] : []
	};
	const video = await renderActorVideo(script, { fps: FPS });
	const dir = `${video.y4m}.jpg`;
	if (!existsSync(dir)) {
		const tmp = `${dir}.${process.pid}.part`;
		rmSync(tmp, { recursive: true, force: true });
		mkdirSync(tmp, { recursive: true });
		execFileSync('ffmpeg', ['-loglevel', 'error', '-i', video.y4m, '-q:v', '2', join(tmp, '%04d.jpg')]); // prettier-ignore
		renameSync(tmp, dir);
	}
	const frames = readdirSync(dir)
		.filter((f) => f.endsWith('.jpg'))
		.sort()
		.map((f) => join(dir, f));
	return { frames, ...(name === 'read-digits' ? { wav: video.wav } : {}) };
}

/** What to do on each step's prompt (step index → clip and delay after the prompt, ms). */
export type PuppetPlan = Record<number, { clip: PuppetClip; afterMs?: number; say?: string }>;

/** The plan of a cooperative person: each asked action, {@link REACTION_MS} after its prompt. */
export function cooperativePlan(steps: readonly { action: LivenessAction }[]): PuppetPlan {
	return Object.fromEntries(steps.map((s, i) => [i, { clip: s.action }]));
}

function reactions(plan: PuppetPlan): PuppetPagePlan['onPrompt'] {
	return Object.fromEntries(
		Object.entries(plan).map(([i, r]) => [
			i,
			{ clip: r.clip, afterMs: r.afterMs ?? REACTION_MS, ...(r.say ? { say: r.say } : {}) }
		])
	);
}

/**
 * Makes the puppet the camera and microphone of pages under `scope` in `context` (others keep
 * Chromium's fake devices), acting `plan`. The clip frames are served by a route of the context
 * (they never reach the server) and loaded only when such a page opens the camera.
 */
export async function installPuppet(
	context: BrowserContext,
	plan: PuppetPlan = {},
	scope = '/liveness'
): Promise<void> {
	const clips: PuppetPagePlan['clips'] = {};
	const files = new Map<string, string>();
	for (const [name, spec] of Object.entries(CLIPS)) {
		const r = await renderClip(name, spec);
		const urls = r.frames.map((f, i) => {
			const u = `/__puppet/${name}/${i}.jpg`;
			files.set(u, f);
			return u;
		});
		const wav = r.wav ? `/__puppet/${name}.wav` : undefined;
		if (wav) files.set(wav, r.wav!);
		clips[name] = {
			frames: urls,
			...(wav ? { wav } : {}),
			...(spec.hold ? { hold: true } : {}),
			...(spec.loop ? { loop: true } : {})
		};
	}
	await context.route('**/__puppet/**', async (route) => {
		const path = new URL(route.request().url()).pathname;
		// With a policy like every response of the app (the privacy watcher checks it).
		const headers = { 'content-security-policy': "default-src 'none'" };
		const say = /^\/__puppet\/say\/(zh|en)\/(\d{1,8})\.wav$/.exec(path);
		if (say) {
			try {
				const body = await readDigitsWav(say[2]!, say[1] as SpeechLang);
				return await route.fulfill({ body, headers: { ...headers, 'content-type': 'audio/wav' } });
			} catch (err) {
				console.error(`puppet: could not say ${say[2]}: ${String(err)}`);
				return route.fulfill({ status: 500, headers });
			}
		}
		const file = files.get(path);
		return file ? route.fulfill({ path: file, headers }) : route.fulfill({ status: 404, headers });
	});
	const pagePlan: PuppetPagePlan = {
		fps: FPS,
		width: 640,
		height: 480,
		clips,
		onPrompt: reactions(plan),
		scope
	};
	await context.addInitScript(puppetInPage, pagePlan);
}

/** Replaces the plan of the puppet in `page` (e.g. once the test knows the challenge). */
export async function setPuppetPlan(page: Page, plan: PuppetPlan): Promise<void> {
	await page.evaluate((p) => {
		(window as unknown as { __puppetPlan: unknown }).__puppetPlan = p;
	}, reactions(plan));
}

/** A new context of `browser` with the puppet as the camera, acting `plan`. */
export async function puppetContext(
	browser: Browser,
	plan: PuppetPlan,
	options: { locale?: string } = {}
): Promise<BrowserContext> {
	const context = await browser.newContext(options);
	await installPuppet(context, plan);
	return context;
}

/** Launch options for a puppet browser: no fake capture file needed, audio may start unasked. */
export function puppetLaunchOptions() {
	const { args, executablePath } = launchOptions();
	return { executablePath, args: [...args, '--autoplay-policy=no-user-gesture-required'] };
}

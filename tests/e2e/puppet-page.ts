/**
 * The in-page half of the puppet camera (`puppet.ts`), serialised into the page by
 * `addInitScript`, so it must not reference anything outside its own body. It replaces
 * `getUserMedia` with a canvas stream that shows the actor's clips and a Web Audio stream that
 * plays their voice, and it watches the liveness page (`data-step`, `data-prompted`) to react to
 * each prompt as a person would: it sees the prompt, waits its reaction time, then acts.
 */

/** What the page script gets: the clips (URLs of their JPEG frames, optional WAV) and the plan. */
export interface PuppetPagePlan {
	fps: number;
	width: number;
	height: number;
	clips: Record<string, { frames: string[]; wav?: string; hold?: boolean; loop?: boolean }>;
	/**
	 * Per step index: the clip to play once that step's prompt shows, and after how long. A test
	 * may also set `window.__puppetPlan` later (when it learns the challenge), which wins.
	 */
	onPrompt: Record<string, PuppetReaction>;
	/** Only pages under this path get the puppet; others get the real (fake-device) camera. */
	scope: string;
}

export interface PuppetReaction {
	clip: string;
	afterMs: number;
	/**
	 * For `read-digits`: the digits to say instead of the ones on the page (an attacker who
	 * cannot read them). The speech comes from `/__puppet/say/<lang>/<digits>.wav`.
	 */
	say?: string;
}

interface PuppetWindow {
	__puppetLog?: { clip: string; at: number; step?: string }[];
	__puppetPlan?: Record<string, PuppetReaction>;
}

/** Installs the puppet in the page (runs before any page script). */
export function puppetInPage(plan: PuppetPagePlan): void {
	const canvas = document.createElement('canvas');
	canvas.width = plan.width;
	canvas.height = plan.height;
	const ctx = canvas.getContext('2d')!;
	const audio = new AudioContext();
	const mic = audio.createMediaStreamDestination();
	const frames: Record<string, ImageBitmap[]> = {};
	const voices: Record<string, AudioBuffer> = {};
	const w = window as unknown as PuppetWindow;
	const log: NonNullable<PuppetWindow['__puppetLog']> = (w.__puppetLog = []);

	const load = async () => {
		for (const [name, clip] of Object.entries(plan.clips)) {
			frames[name] = await Promise.all(
				clip.frames.map(async (u) => createImageBitmap(await (await fetch(u)).blob()))
			);
			if (clip.wav)
				voices[name] = await audio.decodeAudioData(await (await fetch(clip.wav)).arrayBuffer());
		}
		setInterval(draw, 1000 / plan.fps);
		setInterval(watch, 20);
	};
	let ready: Promise<void> | undefined;

	// The digits the page shows, said in the page's language (fetched once per string).
	const said: Record<string, Promise<AudioBuffer | undefined>> = {};
	const speech = (digits: string | undefined) => {
		const lang = document.documentElement.lang.startsWith('en') ? 'en' : 'zh';
		if (!digits) return undefined;
		const key = `${lang}/${digits}`;
		return (said[key] ??= fetch(`/__puppet/say/${key}.wav`)
			.then(async (r) => (r.ok ? audio.decodeAudioData(await r.arrayBuffer()) : undefined))
			.catch(() => undefined));
	};

	let playing = { clip: 'neutral', start: performance.now() };
	const play = (clip: string, step?: string, say?: string): void => {
		if (clip !== 'read-digits') return start(clip, step);
		const digits = document.querySelector<HTMLElement>('[data-testid="liveness"]')?.dataset.digits; // prettier-ignore
		const spoken = speech(say ?? digits);
		if (!spoken) return start(clip, step);
		void spoken.then((buffer) => start(clip, step, buffer));
	};
	const start = (clip: string, step?: string, spoken?: AudioBuffer): void => {
		playing = { clip, start: performance.now() };
		log.push({ clip, at: playing.start, ...(step === undefined ? {} : { step }) });
		const voice = spoken ?? voices[clip];
		if (voice) {
			const src = audio.createBufferSource();
			src.buffer = voice;
			src.connect(mic);
			src.start();
		}
	};
	const draw = (): void => {
		const list = frames[playing.clip];
		const spec = plan.clips[playing.clip];
		if (!list?.length || !spec) return;
		let i = Math.floor(((performance.now() - playing.start) * plan.fps) / 1000);
		if (i >= list.length) {
			if (spec.loop) {
				// Ping-pong, so the loop never jumps.
				const period = Math.max(1, 2 * list.length - 2);
				i %= period;
				if (i >= list.length) i = period - i;
			} else if (spec.hold) i = list.length - 1;
			else {
				play('neutral');
				return draw();
			}
		}
		ctx.drawImage(list[i]!, 0, 0);
	};

	// Each prompt once per attempt (a new attempt starts from step 0 again).
	const reacted = new Set<string>();
	const watch = () => {
		const el = document.querySelector<HTMLElement>('[data-testid="liveness"]');
		if (el?.dataset.phase !== 'running') reacted.clear();
		// Fetched while the steps before it run (the page's digits, and any the plan says instead).
		void speech(el?.dataset.digits);
		for (const r of Object.values(w.__puppetPlan ?? plan.onPrompt)) void speech(r.say);
		const step = el?.dataset.step;
		if (step === undefined || el?.dataset.prompted !== 'true' || reacted.has(step)) return;
		reacted.add(step);
		const r = (w.__puppetPlan ?? plan.onPrompt)[step];
		if (r) setTimeout(() => play(r.clip, step, r.say), r.afterMs);
	};

	const stream = canvas.captureStream(plan.fps);
	const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
	navigator.mediaDevices.getUserMedia = async (c?: MediaStreamConstraints) => {
		if (!location.pathname.startsWith(plan.scope)) return real(c);
		await (ready ??= load());
		if (c?.video) return new MediaStream(stream.getVideoTracks().map((t) => t.clone()));
		if (c?.audio) {
			await audio.resume();
			return new MediaStream(mic.stream.getAudioTracks());
		}
		return real(c);
	};
}

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
	/** Per step index: the clip to play once that step's prompt shows, and after how long. */
	onPrompt: Record<string, { clip: string; afterMs: number }>;
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
	const log: { clip: string; at: number; step?: string }[] = [];
	(window as unknown as { __puppetLog: typeof log }).__puppetLog = log;

	const ready = (async () => {
		for (const [name, clip] of Object.entries(plan.clips)) {
			frames[name] = await Promise.all(
				clip.frames.map(async (u) => createImageBitmap(await (await fetch(u)).blob()))
			);
			if (clip.wav)
				voices[name] = await audio.decodeAudioData(await (await fetch(clip.wav)).arrayBuffer());
		}
	})();

	let playing = { clip: 'neutral', start: performance.now() };
	const play = (clip: string, step?: string) => {
		playing = { clip, start: performance.now() };
		log.push({ clip, at: playing.start, ...(step === undefined ? {} : { step }) });
		const voice = voices[clip];
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
	setInterval(draw, 1000 / plan.fps);

	const reacted = new Set<string>();
	setInterval(() => {
		const el = document.querySelector<HTMLElement>('[data-testid="liveness"]');
		const step = el?.dataset.step;
		if (step === undefined || el?.dataset.prompted !== 'true' || reacted.has(step)) return;
		reacted.add(step);
		const r = plan.onPrompt[step];
		if (r) setTimeout(() => play(r.clip, step), r.afterMs);
	}, 20);

	const stream = canvas.captureStream(plan.fps);
	const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
	navigator.mediaDevices.getUserMedia = async (c?: MediaStreamConstraints) => {
		await ready;
		if (c?.video) return new MediaStream(stream.getVideoTracks().map((t) => t.clone()));
		if (c?.audio) {
			await audio.resume();
			return new MediaStream(mic.stream.getAudioTracks());
		}
		return real(c);
	};
}

/**
 * Mono float audio → 16-bit PCM at the acoustic model's rate (8 kHz Mandarin, 16 kHz English),
 * with a windowed-sinc low-pass at the new Nyquist frequency. A plain decimation aliases the
 * fricatives (s, sh, f) into the band the model listens to and costs recognition.
 */

const HALF_TAPS = 16;

/** Resamples `input` (samples in [-1, 1] at `fromRate`) to `toRate` as Int16. */
export function resampleToInt16(input: Float32Array, fromRate: number, toRate: number): Int16Array {
	if (!(fromRate > 0 && toRate > 0)) throw new RangeError('sample rates must be positive');
	const ratio = fromRate / toRate;
	const n = Math.floor(input.length / ratio);
	const out = new Int16Array(n);
	// Cut-off relative to the input rate; the kernel widens when decimating.
	const cutoff = Math.min(1, 1 / ratio) * 0.95;
	const half = Math.ceil(HALF_TAPS * Math.max(1, ratio));
	for (let i = 0; i < n; i++) {
		const centre = i * ratio;
		const first = Math.max(0, Math.ceil(centre - half));
		const last = Math.min(input.length - 1, Math.floor(centre + half));
		let acc = 0;
		let norm = 0;
		for (let j = first; j <= last; j++) {
			const x = j - centre;
			const sinc = x === 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
			const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / (half + 1));
			const w = sinc * window;
			acc += (input[j] ?? 0) * w;
			norm += w;
		}
		const v = norm === 0 ? 0 : acc / norm;
		out[i] = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
	}
	return out;
}

/**
 * `samples` scaled so that the RMS of its loud part (samples above 10 % of the peak) is
 * `targetRms`, the peak kept ≤ 0.99. The acoustic models' cepstral-mean start values
 * (`sphinx.ts`) assume this level, so a quiet phone microphone and a loud one decode alike.
 */
export function normaliseLevel(samples: Float32Array, targetRms = 0.1): Float32Array {
	let peak = 0;
	for (const s of samples) peak = Math.max(peak, Math.abs(s));
	if (peak === 0) return samples;
	let energy = 0;
	let n = 0;
	for (const s of samples) {
		if (Math.abs(s) > 0.1 * peak) {
			energy += s * s;
			n++;
		}
	}
	const rms = Math.sqrt(energy / Math.max(1, n));
	const gain = Math.min(targetRms / rms, 0.99 / peak);
	return samples.map((s) => s * gain);
}

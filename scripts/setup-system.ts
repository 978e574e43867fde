/**
 * Installs what the tests need from Debian when it is missing: Chromium (Playwright drives the
 * system browser — never `npx playwright install`), ffmpeg (fake-camera fixtures), PostgreSQL
 * (storage suite), espeak-ng and flite (test speech) and CJK fonts (pages render Chinese text). Needs root for apt-get; without it,
 * prints what to install and carries on (the tests then say what is missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** Debian's Chromium, the only browser the tests and CLIs drive (never `npx playwright install`). */
export const CHROMIUM = process.env.KAIHU_CHROMIUM ?? '/usr/bin/chromium';

interface Need {
	pkg: string;
	present: () => boolean;
}

const hasPostgres = () =>
	existsSync('/usr/lib/postgresql') &&
	readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

const NEEDS: Need[] = [
	{ pkg: 'chromium', present: () => existsSync(CHROMIUM) },
	{ pkg: 'ffmpeg', present: () => existsSync('/usr/bin/ffmpeg') },
	{ pkg: 'postgresql', present: hasPostgres },
	// Signalling across instances is tested against a real Redis (server/signalling/redis.test.ts).
	{ pkg: 'redis-server', present: () => existsSync('/usr/bin/redis-server') },
	// ip netns + tc shape the witness call's media in tests/e2e/witness-shaped.spec.ts.
	{ pkg: 'iproute2', present: () => existsSync('/usr/sbin/tc') && existsSync('/usr/sbin/ip') },
	{
		pkg: 'fonts-noto-cjk',
		present: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')
	},
	// OCR-B prints the ID number on synthetic cards (tests/fixtures/cards).
	{ pkg: 'fonts-ocr-b', present: () => existsSync('/usr/share/fonts/opentype/ocr-b/OCRB.otf') },
	// Fonts of the second card generator (tests/fixtures/cards2): faces other than Noto.
	{
		pkg: 'fonts-wqy-zenhei',
		present: () => existsSync('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc')
	},
	{
		pkg: 'fonts-wqy-microhei',
		present: () => existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')
	},
	{
		pkg: 'fonts-arphic-ukai',
		present: () => existsSync('/usr/share/fonts/truetype/arphic/ukai.ttc')
	},
	{
		pkg: 'fonts-arphic-uming',
		present: () => existsSync('/usr/share/fonts/truetype/arphic/uming.ttc')
	},
	{ pkg: 'fonts-lxgw-wenkai', present: () => existsSync('/usr/share/fonts/truetype/lxgw-wenkai') },
	// pdftotext reads the application form PDF back in server/applications/form-pdf.test.ts.
	{ pkg: 'poppler-utils', present: () => existsSync('/usr/bin/pdftotext') },
	// espeak-ng speaks the digit strings of the recogniser's golden test and bench:digits.
	{ pkg: 'espeak-ng', present: () => existsSync('/usr/bin/espeak-ng') },
	// flite's voices are built from recordings of real speakers: bench:digits' English peer voices.
	{ pkg: 'flite', present: () => existsSync('/usr/bin/flite') }
];

function aptInstall(missing: string[]): void {
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	console.log(`[setup] apt-get install ${missing.join(' ')}`);
	// Update first: a fresh machine's package lists may be stale or empty.
	spawnSync('apt-get', ['update', '-q'], { env, stdio: 'inherit' });
	const r = spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
		env,
		stdio: 'inherit'
	});
	if (r.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed`);
}

/** Installs every missing package the test suite needs (as root), or says what to install. */
export function setupSystem(): void {
	const missing = NEEDS.filter((n) => !n.present()).map((n) => n.pkg);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		console.warn(
			`[setup] missing Debian packages (install as root): apt-get install ${missing.join(' ')}`
		);
		return;
	}
	aptInstall(missing);
}

/**
 * For a CLI (`npm run ocr`, `npm run liveness`, benches): makes sure `pkgs` are installed — with
 * apt-get when running as root, as `npm test` does — or prints the one command that installs them
 * and exits with code 2, instead of a browser driver's raw "executable doesn't exist".
 */
export function requireSystem(pkgs: readonly string[], purpose: string): void {
	const missing = pkgs.filter((p) => !(NEEDS.find((n) => n.pkg === p)?.present() ?? true));
	if (missing.length === 0) return;
	const cmd = `sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
	if (process.getuid?.() !== 0 || process.env.KAIHU_NO_APT === '1') {
		console.error(`${purpose} needs Debian packages that are missing: ${missing.join(', ')}.`);
		console.error(`Install them with:\n  ${cmd}`);
		process.exit(2);
	}
	try {
		aptInstall(missing);
	} catch (err) {
		console.error(`${purpose}: ${(err as Error).message}. Install them with:\n  ${cmd}`);
		process.exit(2);
	}
}

if (import.meta.url === `file://${process.argv[1]}`) setupSystem();

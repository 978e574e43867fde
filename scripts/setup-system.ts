/**
 * Installs what the tests need from Debian when it is missing: Chromium (Playwright drives the
 * system browser — never `npx playwright install`), ffmpeg (fake-camera fixtures), PostgreSQL
 * (storage suite) and CJK fonts (pages render Chinese text). Needs root for apt-get; without it,
 * prints what to install and carries on (the tests then say what is missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

interface Need {
	pkg: string;
	present: () => boolean;
}

const hasPostgres = () =>
	existsSync('/usr/lib/postgresql') &&
	readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

const NEEDS: Need[] = [
	{ pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
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
	{ pkg: 'poppler-utils', present: () => existsSync('/usr/bin/pdftotext') }
];

export function setupSystem(): void {
	const missing = NEEDS.filter((n) => !n.present()).map((n) => n.pkg);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		console.warn(
			`[setup] missing Debian packages (install as root): apt-get install ${missing.join(' ')}`
		);
		return;
	}
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

if (import.meta.url === `file://${process.argv[1]}`) setupSystem();

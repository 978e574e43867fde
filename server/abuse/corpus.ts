/**
 * Hostile inputs the fuzzer and the abuse tests put into every text field, parameter and header:
 * SQL and HTML injection, path traversal (plain and encoded), Unicode edge cases, numbers that
 * break naive parsing.
 */

/** SQL injection strings (SQLite and PostgreSQL dialects). */
export const SQL_INJECTION = [
	"' OR '1'='1",
	"'; DROP TABLE applications; --",
	"admin'--",
	'1; SELECT pg_sleep(5)--',
	"' UNION SELECT token_hash, csrf_token FROM staff_sessions --",
	'" OR ""="',
	"1' AND (SELECT count(*) FROM sqlite_master) > 0 --",
	"'); INSERT INTO staff (id) VALUES ('x'); --",
	'\\x27 OR 1=1',
	'%27%20OR%201%3D1'
] as const;

/** HTML / script injection strings. */
export const HTML_INJECTION = [
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	"javascript:alert('x')",
	'<svg/onload=alert(1)>',
	'{{constructor.constructor("alert(1)")()}}',
	'<iframe src="//evil.invalid"></iframe>',
	'&lt;b&gt;&#x3C;script&#x3E;'
] as const;

/** Path traversal, plain and encoded. */
export const PATH_TRAVERSAL = [
	'../../etc/passwd',
	'..\\..\\windows\\win.ini',
	'%2e%2e%2f%2e%2e%2fetc%2fpasswd',
	'..%2F..%2Fetc%2Fpasswd',
	'%252e%252e%252fetc%252fpasswd',
	'....//....//etc/passwd',
	'/etc/passwd',
	'..',
	'.',
	'file\u0000.jpg',
	'..%c0%af..%c0%afetc/passwd'
] as const;

/** Unicode and number edge cases. */
export const ODD_STRINGS = [
	'',
	' ',
	'\u0000',
	'\ud800',
	'\u202e\u0644\u0627',
	'\u200b\u200b',
	'💥'.repeat(40),
	'Ａ'.repeat(300),
	'x'.repeat(5000),
	'NaN',
	'-0',
	'1e309',
	'9'.repeat(400),
	'__proto__',
	'constructor',
	'null',
	'undefined',
	'true'
] as const;

/** Every hostile string, for picking at random. */
export const HOSTILE_STRINGS: readonly string[] = [
	...SQL_INJECTION,
	...HTML_INJECTION,
	...PATH_TRAVERSAL,
	...ODD_STRINGS
];

/** Hostile JSON values (not strings). */
export const HOSTILE_VALUES: readonly unknown[] = [
	null,
	true,
	0,
	-1,
	1e308,
	-1e308,
	Number.MAX_SAFE_INTEGER + 2,
	0.1 + 0.2,
	[],
	{},
	[[[[[[[[]]]]]]]],
	JSON.parse('{"__proto__": {"admin": true}}') as unknown,
	{ constructor: { prototype: { admin: true } } },
	Array.from({ length: 200 }, (_, i) => i)
];

/**
 * A spec file's own Kaihu server (see `own-server.ts`): started before the file's tests, killed
 * after them. Call at the top level of the spec; read the server through the returned getter.
 */
import { test } from '@playwright/test';
import { freePort, OwnServer } from './own-server.ts';

export function ownServerForFile(): () => OwnServer {
	let server: OwnServer | undefined;
	test.beforeAll(async () => {
		server = new OwnServer(await freePort());
		await server.start();
	});
	test.afterAll(async () => {
		await server?.kill();
	});
	return () => {
		if (!server) throw new Error('the own server starts in beforeAll');
		return server;
	};
}

/**
 * A submission is answered `submitted`; the server's job (form PDF, face re-check) then moves it
 * on. Waits, as the customer's status page does, until the application reaches `state`.
 */
import { expect, type APIRequestContext } from '@playwright/test';

export async function expectSettled(
	request: APIRequestContext,
	app: { id: string; token: string },
	state: string,
	timeout = 30_000
): Promise<void> {
	await expect
		.poll(
			async () => {
				const res = await request.get(`/api/applications/${app.id}`, {
					headers: { authorization: `Bearer ${app.token}` }
				});
				return ((await res.json()) as { state: string }).state;
			},
			{ timeout, intervals: [100, 250, 500] }
		)
		.toBe(state);
}

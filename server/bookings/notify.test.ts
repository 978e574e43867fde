import { describe, expect, it } from 'vitest';
import { DevSms, maskPhone } from './notify.ts';

describe('booking notifications', () => {
	it('masks phone numbers: mobile keeps its last 4 digits, anything else its last two', () => {
		expect(maskPhone('13800138000')).toBe('*******8000');
		expect(maskPhone('+8613800138000')).toBe('************00');
		expect(maskPhone('1')).toBe('1');
	});

	it('the development SMS logs the masked number and the length, never the text', async () => {
		const logs: Record<string, unknown>[] = [];
		const sms = new DevSms((e) => logs.push(e));
		await sms.send('13912345678', '【开户】坐席已就绪 /witness/abc');
		const line = JSON.stringify(logs);
		expect(line).toContain('*******5678');
		expect(line).not.toContain('13912345678');
		expect(line).not.toContain('/witness/abc');
	});
});

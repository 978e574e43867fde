import { describe, expect, it } from 'vitest';
import { detectCameraEnvironment } from './detect.ts';

const gum = { getUserMedia: () => undefined };

describe('camera environment', () => {
	it('spots in-app browsers, with or without getUserMedia', () => {
		const wechat = 'Mozilla/5.0 (Linux; Android 13) Chrome/116 Mobile MicroMessenger/8.0.47';
		expect(detectCameraEnvironment({ userAgent: wechat })).toEqual({
			hasGetUserMedia: false,
			inAppBrowser: 'WeChat 微信'
		});
		expect(
			detectCameraEnvironment({ userAgent: 'AlipayClient/10.5', mediaDevices: gum })
		).toMatchObject({ hasGetUserMedia: true, inAppBrowser: 'Alipay 支付宝' });
	});
	it('a system browser with getUserMedia is fine', () => {
		expect(
			detectCameraEnvironment({ userAgent: 'Mozilla/5.0 Chrome/130 Mobile', mediaDevices: gum })
		).toEqual({ hasGetUserMedia: true, inAppBrowser: undefined });
	});
});

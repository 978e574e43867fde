/** What the device says about its camera before we ask for it. Pure (takes navigator-like input). */

export interface CameraEnvironment {
	/** `getUserMedia` exists (missing in many in-app browsers and on plain http). */
	hasGetUserMedia: boolean;
	/** The page is in a known in-app browser (WeChat, QQ, Alipay, DingTalk, Weibo, Douyin …). */
	inAppBrowser: string | undefined;
}

const IN_APP: readonly [RegExp, string][] = [
	[/MicroMessenger/i, 'WeChat 微信'],
	[/\bQQ\//, 'QQ'],
	[/AlipayClient/i, 'Alipay 支付宝'],
	[/DingTalk/i, 'DingTalk 钉钉'],
	[/Weibo/i, 'Weibo 微博'],
	[/aweme|BytedanceWebview/i, 'Douyin 抖音'],
	[/FBAN|FBAV|Instagram|Line\//, 'in-app']
];

/**
 * @example detectCameraEnvironment({ userAgent: '… MicroMessenger/8.0 …', mediaDevices: undefined })
 * // { hasGetUserMedia: false, inAppBrowser: 'WeChat 微信' }
 */
export function detectCameraEnvironment(nav: {
	userAgent: string;
	mediaDevices?: { getUserMedia?: unknown } | undefined;
}): CameraEnvironment {
	return {
		hasGetUserMedia: typeof nav.mediaDevices?.getUserMedia === 'function',
		inAppBrowser: IN_APP.find(([re]) => re.test(nav.userAgent))?.[1]
	};
}

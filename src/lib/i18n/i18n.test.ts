import { describe, expect, it } from 'vitest';
import { defineMessages, pick, prefs, setLocale } from './index.ts';

describe('i18n', () => {
	const t = defineMessages('test', {
		zh: { hello: '你好，{{name}}', count: '已识别 {{count}} 项' },
		en: { hello: 'Hello, {{name}}', count: '{{count}} fields read' }
	});

	it('translates in the current language and follows a switch', () => {
		setLocale('zh-CN');
		expect(t('hello', { name: '张三' })).toBe('你好，张三');
		setLocale('en');
		expect(prefs.locale).toBe('en');
		expect(t('count', { count: 3 })).toBe('3 fields read');
		setLocale('zh-CN');
	});

	it('picks one side of a bilingual message', () => {
		expect(pick({ zh: '网络错误', en: 'Network error' }, 'en')).toBe('Network error');
		expect(pick({ zh: '网络错误', en: 'Network error' }, 'zh-CN')).toBe('网络错误');
	});
});

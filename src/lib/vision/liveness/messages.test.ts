import { describe, expect, it } from 'vitest';
import { ACTION_PROMPTS, FAILURE_MESSAGES, stepPrompt } from './messages.ts';
import { LIVENESS_ACTIONS, LIVENESS_FAILURES } from './types.ts';

describe('liveness messages', () => {
	it('has both languages for every action and failure code', () => {
		for (const a of LIVENESS_ACTIONS)
			expect(ACTION_PROMPTS[a].zh && ACTION_PROMPTS[a].en).toBeTruthy();
		for (const f of LIVENESS_FAILURES)
			expect(FAILURE_MESSAGES[f].zh && FAILURE_MESSAGES[f].en).toBeTruthy();
	});

	it('spells out the digits to read', () => {
		expect(stepPrompt({ action: 'read-digits', digits: '4071' }, 'zh')).toBe('请读出数字：4 0 7 1');
		expect(stepPrompt({ action: 'nod' }, 'en')).toBe('Nod your head');
	});
});

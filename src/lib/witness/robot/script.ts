/**
 * The robot (self-service) witness script: the questions asked when no agent is available, in
 * both languages. Pure data, shared by the client (spoken and shown) and the server (stored with
 * each session, shown to the reviewing agent), so both sides always agree on what was asked.
 */

/** One scripted question. `answerSeconds` is the hard limit of the customer's answer. */
export interface RobotQuestion {
	id: string;
	zh: string;
	en: string;
	answerSeconds: number;
}

/** Bump when the questions change; each session stores the version it was asked with. */
export const ROBOT_SCRIPT_VERSION = 1;

export const ROBOT_QUESTIONS: readonly RobotQuestion[] = [
	{
		id: 'identity',
		zh: '请说出您的姓名，并确认本次开户是您本人自愿办理。',
		en: 'Please say your full name and confirm that you are opening this account yourself, of your own free will.',
		answerSeconds: 30
	},
	{
		id: 'purpose',
		zh: '请说明您开立此账户的用途。',
		en: 'Please tell us what you will use this account for.',
		answerSeconds: 30
	},
	{
		id: 'no-lending',
		zh: '出租、出借、出售银行账户是违法行为。您是否知晓并承诺不会这样做？',
		en: 'Renting, lending or selling a bank account is against the law. Do you understand, and promise not to do so?',
		answerSeconds: 20
	}
];

/** The question with this id in the current script, if any. */
export function robotQuestion(id: string): RobotQuestion | undefined {
	return ROBOT_QUESTIONS.find((q) => q.id === id);
}

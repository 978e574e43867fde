/** Texts of the staff sign-in (namespace `staff`). */
import { defineMessages } from '$lib/i18n';

export const t = defineMessages('staff', {
	zh: {
		title: '员工登录',
		intro: '见证坐席、审核员和管理员请登录。',
		username: '用户名',
		password: '密码',
		submit: '登录',
		busy: '正在登录…',
		loggedInAs: '已登录：{{username}}（{{role}}）',
		continue: '进入工作台',
		logout: '退出登录',
		retryIn: '请在 {{seconds}} 秒后再试。',
		role_agent: '见证坐席',
		role_reviewer: '审核员',
		role_admin: '管理员',
		checking: '正在检查登录状态…',
		forbidden: '您的角色（{{role}}）无权使用此页面。',
		loginAsOther: '换一个账号登录'
	},
	en: {
		title: 'Staff login',
		intro: 'Witness agents, reviewers and admins sign in here.',
		username: 'Username',
		password: 'Password',
		submit: 'Log in',
		busy: 'Logging in…',
		loggedInAs: 'Logged in as {{username}} ({{role}})',
		continue: 'Open my console',
		logout: 'Log out',
		retryIn: 'Try again in {{seconds}} s.',
		role_agent: 'witness agent',
		role_reviewer: 'reviewer',
		role_admin: 'admin',
		checking: 'Checking your session…',
		forbidden: 'Your role ({{role}}) may not use this page.',
		loginAsOther: 'Log in as someone else'
	}
});

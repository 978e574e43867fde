/** Word lists for synthetic identities: common surnames, given-name characters, place words. */

/** The most common surnames (roughly by frequency), plus a few two-character ones. */
export const SURNAMES = [
	'王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何',
	'高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田',
	'董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚',
	'卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '付', '方', '白',
	'邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙', '史', '陶', '黎', '贺',
	'顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向', '汤', '欧阳', '司马',
	'诸葛', '上官'
] as const; // prettier-ignore

/** Given-name characters, split by the sex they are more common for (many are used for both). */
export const GIVEN_MALE = [
	...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳峰建国志文博晨晓东海亮振云庆'
];
export const GIVEN_FEMALE = [
	...'芳娜敏静丽艳娟霞秀英玲桂兰燕萍红琳丹洁颖雪慧倩婷莉佳欣怡悦晶月梅蓉璐瑶雯琴珊岚菲薇彤'
];

/** Transliterated names (with the middle dot) for some Uyghur and Kazakh holders. */
export const TRANSLITERATED = [
	'买买提·艾力',
	'阿依古丽·吐尔逊',
	'艾尔肯·热合曼',
	'古丽娜尔·卡德尔',
	'努尔兰·阿布都',
	'热依拉·买买提'
];

/** Two-character words for street and village names. */
export const PLACE_WORDS = [
	'人民', '建设', '解放', '和平', '中山', '新华', '胜利', '光明', '幸福', '团结', '友谊', '文化', '长青',
	'东风', '红旗', '朝阳', '花园', '滨江', '青年', '工农', '向阳', '迎宾', '金山', '凤凰', '龙泉', '桃园',
	'杏林', '安康', '富民', '兴业', '振兴', '五一', '健康', '育才', '学府', '北京', '环城', '丰收'
]; // prettier-ignore
export const STREET_KINDS = ['路', '街', '大道', '巷', '大街'];
/** Two-character town names. */
export const TOWN_WORDS = [
	'安平',
	'新兴',
	'宁丰',
	'泰和',
	'清河',
	'东关',
	'西湖',
	'南岭',
	'北山',
	'城关',
	'永安',
	'太平'
];

import { error } from '@sveltejs/kit';
import { isCardSide } from '$lib/vision/card/sides.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => {
	if (!isCardSide(params.side)) error(404, { message: 'No such card side / 没有这一步' });
	return { side: params.side };
};

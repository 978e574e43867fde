/** The three things a customer photographs, in the order the flow asks for them. */
export type CardSide = 'id-front' | 'id-back' | 'bank';

/** Their names are in `messages.ts`. */
export const SIDES: readonly CardSide[] = ['id-front', 'id-back', 'bank'];

export function isCardSide(s: string): s is CardSide {
	return (SIDES as readonly string[]).includes(s);
}

export function nextSide(s: CardSide): CardSide | null {
	return SIDES[SIDES.indexOf(s) + 1] ?? null;
}

import type { Pixels } from './protocol.ts';
import type { CardSide } from './sides.ts';

/**
 * Captured card images of this session, kept in memory until the offline store takes them
 * (src/lib/store/, encrypted at rest).
 */
export const captures: Partial<Record<CardSide, Pixels>> = $state({});

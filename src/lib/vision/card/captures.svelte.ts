import type { CardFields } from '$lib/domain/read-card.ts';
import type { Pixels } from './protocol.ts';
import type { CardSide } from './sides.ts';

/**
 * Captured card images of this session, kept in memory until the offline store takes them
 * (src/lib/store/, encrypted at rest).
 */
export const captures: Partial<Record<CardSide, Pixels>> = $state({});

/**
 * What OCR read off each accepted side (the capture flow writes it, the wizard's ID and bank steps
 * pre-fill their forms with it for the customer to confirm). Also sealed with the capture draft,
 * so a reload keeps it (`src/routes/capture/persist.ts`).
 */
export const readings: Partial<Record<CardSide, CardFields>> = $state({});

/** The device database's name (its own module, so checking for it does not load Dexie). */
export const DB_NAME = 'kaihu';

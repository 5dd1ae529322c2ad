/** Korean words for the grid screens: English text → Korean (see ../index.ts). */
export const grid: Record<string, string> = {};

/** Korean words for the approval screens: English text → Korean (see ../index.ts). */
export const approval: Record<string, string> = {};

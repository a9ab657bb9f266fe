/** The shells `mesh-cost completion` writes a script for (kept apart so --help loads nothing more). */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

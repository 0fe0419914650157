export const BASELINE_FILE: string;
export function inlineStringsIn(source: string, fileName?: string): { line: number; text: string }[];
export function isChecked(name: string): boolean;
export function currentCounts(): Record<string, number>;
export function readBaseline(): Record<string, number>;
export function grownAgainst(current: Record<string, number>, baseline: Record<string, number>): string[];

/** The rounds screens' addresses. */
export const ROUND_PATHS = {
  list: '/rounds',
  round: (code: string) => `/rounds/${encodeURIComponent(code)}`,
  publication: '/rounds-publication',
  publicationOf: (code: string) => `/rounds-publication?round=${encodeURIComponent(code)}`,
} as const;

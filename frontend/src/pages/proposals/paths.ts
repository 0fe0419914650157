/** The candidate-project screens' addresses. */
export const PROPOSAL_PATHS = {
  list: '/proposals',
  create: '/proposals/new',
  proposal: (id: number) => `/proposals/${String(id)}`,
} as const;

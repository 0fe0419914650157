/** The settings screens live under /settings: the gateway keeps /admin for its API. */
export const ADMIN_PATHS = {
  users: '/settings',
  newUser: '/settings/users/new',
  clients: '/settings/clients',
  newClient: '/settings/clients/new',
} as const;

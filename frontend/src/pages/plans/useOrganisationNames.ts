import { useEffect, useSyncExternalStore } from 'react';
import { listOrganisations, type DirectoryOrganisation } from '../../api/plans';
import { ApiError } from '../../api/problem';
import { organisationName } from '../../lib/plans';

/**
 * Organisation names from the gateway's directory, fetched once per code for the whole session
 * (names change a few times a year). A code not found, or not yet loaded, shows the local fallback
 * (prefecture and code), so a screen never waits for names.
 */
const known = new Map<string, DirectoryOrganisation | null>();
const loading = new Set<string>();
const listeners = new Set<() => void>();
let version = 0;
/** Bumped when the cache is forgotten: a look-up started before then does not fill it. */
let generation = 0;

const BATCH = 200;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

async function load(codes: readonly string[]): Promise<void> {
  const missing = codes.filter((code) => !known.has(code) && !loading.has(code));
  if (missing.length === 0) return;
  for (const code of missing) loading.add(code);
  const started = generation;
  try {
    for (let at = 0; at < missing.length; at += BATCH) {
      const batch = missing.slice(at, at + BATCH);
      // A refused look-up (not allowed, not found) keeps the fallback for the session; one that
      // failed on the way (network, 5xx) keeps it on this screen and the next screen asks again.
      const rows = await listOrganisations(batch).catch((error: unknown) =>
        error instanceof ApiError && error.status < 500 ? [] : null,
      );
      if (generation !== started) return;
      if (rows === null) continue;
      for (const code of batch) known.set(code, null);
      for (const row of rows) known.set(row.code, row);
    }
  } finally {
    if (generation === started) {
      for (const code of missing) loading.delete(code);
      changed();
    }
  }
}

/** Tests start from an empty cache. */
export function forgetOrganisationNames(): void {
  generation += 1;
  known.clear();
  loading.clear();
  changed();
}

/** `name(code)` for the given codes: the directory's name once loaded, the fallback until then. */
export function useOrganisationNames(codes: readonly string[]): (code: string) => string {
  const key = [...new Set(codes)].sort().join(',');
  // Subscribing redraws the caller when any look-up finishes.
  useSyncExternalStore(subscribe, () => version);
  useEffect(() => {
    if (key) void load(key.split(','));
  }, [key]);
  return (code: string) => known.get(code)?.name ?? organisationName(code);
}

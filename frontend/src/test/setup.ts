import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { forgetOrganisationNames } from '../pages/plans/useOrganisationNames';

// Each test starts from an empty cache of organisation names. Forgotten here, once the previous
// test's screens are unmounted: a look-up a still-mounted screen started after a file's own
// afterEach (hooks run last-registered first) cannot fill the next test's cache.
beforeEach(() => {
  forgetOrganisationNames();
});

afterEach(() => {
  cleanup();
});

// Whole screens render through the session and several fetches; on a busy 2-core machine the
// default 1 s for findBy* is too short to tell slow from broken.
configure({ asyncUtilTimeout: 5000 });

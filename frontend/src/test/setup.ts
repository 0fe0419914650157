import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});

// Whole screens render through the session and several fetches; on a busy 2-core machine the
// default 1 s for findBy* is too short to tell slow from broken.
configure({ asyncUtilTimeout: 5000 });

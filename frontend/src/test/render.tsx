import { render } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { RouterProvider, createMemoryRouter, useLocation } from 'react-router';
import { App } from '../App';

let currentLocation = '';

function LocationProbe() {
  const location = useLocation();
  // A layout effect runs in the same commit as the DOM change, so a test that has just seen the
  // new screen (findBy*) also reads its address; a passive effect could still be pending.
  useLayoutEffect(() => {
    currentLocation = `${location.pathname}${location.search}`;
  }, [location]);
  return null;
}

/** The whole app at a URL, as the browser would start it, with the router's location readable. */
export function renderApp(path: string) {
  // A data router as in main.tsx (useBlocker needs one).
  const router = createMemoryRouter(
    [
      {
        path: '*',
        element: (
          <>
            <App />
            <LocationProbe />
          </>
        ),
      },
    ],
    { initialEntries: [path] },
  );
  const result = render(<RouterProvider router={router} />);
  return { ...result, location: () => currentLocation };
}

// Web tests: every rendered tree is unmounted after its test (Testing Library cleans up by itself
// only when test globals are on, and they are not), so no component timer (a Mantine modal's
// scroll lock, a transition) fires after the file's jsdom is gone.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// jsdom has neither media queries nor resize observers, which Mantine's components use: they
// answer « no match » and observe nothing (files in the node environment have no window).
if (typeof window !== 'undefined') {
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

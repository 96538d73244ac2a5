import '@testing-library/jest-dom/vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// jsdom lays nothing out: every element is 0 x 0. The virtualised grids measure their scroll
// container (clientWidth/clientHeight; offsetWidth/offsetHeight in other versions), so give
// elements a window-sized box.
for (const [prop, size] of [
  ['clientHeight', 800],
  ['offsetHeight', 800],
  ['clientWidth', 1200],
  ['offsetWidth', 1200],
] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => size });
}

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});

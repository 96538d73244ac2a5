import { defineConfig, type Plugin } from 'vitest/config';

/**
 * nhsuk-frontend's plain CSS (the minified file trips Vite 8's CSS minifier) has two things the
 * app cannot ship under its CSP: an @font-face that loads the licensed Frutiger from a remote
 * host (we use the Arial fallback, as nhsuk's `$nhsuk-include-font-face: false` would), and icon
 * URLs rooted at "/assets/images/" (a website's layout). Strip the first and point the second at
 * the package's own files, so Vite bundles them.
 */
function nhsukCssForTheApp(): Plugin {
  return {
    name: 'strikecover:nhsuk-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/nhsuk-frontend[\\/]dist[\\/]nhsuk[\\/]nhsuk-frontend\.css(\?|$)/.test(id)) return null;
      const out = code
        .replace(/@font-face\s*\{[^}]*\}/g, '')
        .replace(/url\("\/assets\/images\//g, 'url("./assets/images/');
      if (/https?:\/\//.test(out.replace(/\/\*[\s\S]*?\*\//g, ''))) {
        this.error('nhsuk-frontend.css still references a remote URL');
      }
      return { code: out, map: null };
    },
  };
}

// https://v2.tauri.app/start/frontend/vite/
export default defineConfig({
  plugins: [nhsukCssForTheApp()],
  clearScreen: false,
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebView2 (Windows) and WebKitGTK (Linux).
    target: ['es2022', 'chrome105', 'safari15'],
    // No data: URIs: the CSP allows images from the app itself only.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    restoreMocks: true,
  },
});

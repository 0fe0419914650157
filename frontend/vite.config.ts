/// <reference types="vitest/config" />
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The gateway serves the build with this policy; preview uses it too so a violation shows up locally.
const CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * Fontsource lists a .woff fallback beside every .woff2 subset; every browser we support reads woff2,
 * so dropping the fallback halves what the build ships.
 */
function woff2Only(): Plugin {
  return {
    name: 'chiiki-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@fontsource/') || !id.endsWith('.css')) return null;
      return { code: code.replace(/,\s*url\([^)]+\.woff\)\s*format\('woff'\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [woff2Only(), react(), tailwindcss()],
  build: {
    outDir: 'dist',
    // CSP default-src 'self' forbids data: URLs, so no asset may be inlined.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/auth': 'http://127.0.0.1:8000',
      '/api': 'http://127.0.0.1:8000',
    },
  },
  preview: {
    host: '127.0.0.1',
    // No backend behind preview: /auth/me answers 404 and the SPA shows the login page.
    proxy: {},
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Screen tests type into many fields with user-event; give them room on a loaded machine.
    testTimeout: 20_000,
  },
});

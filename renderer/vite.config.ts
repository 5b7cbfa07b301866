import { svelte } from '@sveltejs/vite-plugin-svelte';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  // Relative URLs: the same build is served from carrel://app/ and from the browser host.
  base: './',
  plugins: [svelte({ configFile: path.join(here, 'svelte.config.js') })],
  build: {
    outDir: path.join(here, '../dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    // Everything ships inside the app; inlining assets as data: URLs would need a looser CSP.
    assetsInlineLimit: 0,
    sourcemap: true,
    // Mermaid's layout engines (ELK, cytoscape) are large chunks, loaded only for sections with a diagram.
    chunkSizeWarningLimit: 2000,
  },
});

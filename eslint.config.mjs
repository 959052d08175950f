// n8n's own lint configuration for community nodes (the rules n8n's verification scanner runs),
// applied to the package's sources: nodes/, credentials/ and package.json. Test code, scripts and
// the per-vendor package folders (links to these same sources) are kept out of its reach so that
// `npx n8n-node lint` lints what ships; test/ and scripts/ have eslint.test.config.mjs.
// This one line differs from n8n's template, which is why the umbrella's package.json says
// `"strict": false`; the per-vendor packages under packages/ keep the template and `"strict": true`.
import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

export default [globalIgnores(['test', 'scripts', 'packages', 'build', 'dist', '.tsbuild', 'coverage', '*.js']), ...config];

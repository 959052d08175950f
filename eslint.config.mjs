// n8n's own lint configuration for community nodes (the rules n8n's verification scanner runs).
// It is applied to nodes/, credentials/ and package.json by the "lint" script; test/ has its own config.
import { config } from '@n8n/node-cli/eslint';

export default config;

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core's contexts read instance settings from the user folder; keep them out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-nodes-health-practice-bench-'));
process.env.N8N_LOG_LEVEL ??= 'error';

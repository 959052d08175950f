import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setRetryTiming } from '../../nodes/shared/http';

// n8n-core's contexts read instance settings from the user folder; keep them out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-nodes-health-practice-'));
process.env.N8N_LOG_LEVEL ??= 'error';

// Vendor retries wait a millisecond, not half a second, in every test (the only place that changes it).
setRetryTiming({ baseDelayMs: 1 });

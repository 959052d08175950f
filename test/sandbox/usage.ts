import type { Sandbox } from './index';

/**
 * What `npm run sandbox` prints, from one source (the docs can point here): where the sandbox
 * listens, each vendor's base URL and the credential that works there, each simulation's own
 * routes, records and switches (its `usage()`), and the control API every vendor shares.
 */
export function sandboxUsage(sandbox: Sandbox): string {
	const described = sandbox.server.describe() as { vendors: Record<string, { baseUrl: string; credentials: Record<string, string> }> };
	const control = `${sandbox.url}/_sandbox`;
	return [
		`Vendor sandbox listening on ${sandbox.url}`,
		'',
		...Object.entries(described.vendors).flatMap(([slug, vendor]) => [
			`${slug}: base URL ${vendor.baseUrl}`,
			`  credential (environment "Custom"): ${JSON.stringify(vendor.credentials)}`,
		]),
		'',
		...sandbox.server.simulations().map((simulation) => `${simulation.usage()}\n`),
		`Every vendor (the vendor key is its slug: ${sandbox.server.simulations().map((simulation) => simulation.name).join(', ')}):`,
		`  See every API call the sandbox got:  curl ${control}/requests  (?vendor=<slug> for one)`,
		'  Inject a fault (here: the next Hero Health subscription create answers 503):',
		`  curl -X POST ${control}/faults -H 'content-type: application/json' \\`,
		`       -d '{"vendor":"heroHealth","method":"POST","path":"^/v1/webhooks$","kind":"status","status":503}'`,
		'  (kinds: status, rateLimit with retryAfterSeconds, timeout with hangMs, drop, dropAfterHandling; times, after)',
		`  Slow every call down:  curl -X POST ${control}/latency -H 'content-type: application/json' -d '{"vendor":"*","ms":200}'`,
		`  Start afresh:          curl -X POST ${control}/reset`,
	].join('\n');
}

import { startSandbox } from './index';

/**
 * `npm run sandbox`: the vendor sandbox on its own, to try the nodes without vendor accounts.
 * SANDBOX_PORT chooses the port (default 8787).
 */
async function main(): Promise<void> {
	const port = Number(process.env.SANDBOX_PORT ?? 8787);
	const sandbox = await startSandbox({ port });
	const described = sandbox.server.describe() as { vendors: Record<string, { baseUrl: string; credentials: Record<string, string> }> };

	console.log(`Vendor sandbox listening on ${sandbox.url}\n`);
	for (const [name, vendor] of Object.entries(described.vendors)) {
		console.log(`${name}: base URL ${vendor.baseUrl}`);
		console.log(`  credential (environment "Custom"): ${JSON.stringify(vendor.credentials)}`);
	}
	console.log(`
Send a Hero Health event to every subscribed trigger:
  curl -X POST ${sandbox.url}/_sandbox/hero/events -H 'content-type: application/json' \\
       -d '{"event":"appointment.confirmed","id":"1001"}'
Hero's practice: patients 501 and 502 (NHS 943 476 5919 and 943 476 5870), appointment types 1-4,
locations 5 and 6, 130 free slots on the five weekdays from ${sandbox.hero.slots[0]?.start_time.slice(0, 10)}.
See appointments (reserved, confirmed, cancelled): curl ${sandbox.url}/_sandbox/hero/appointments
Let a reservation run out now:          curl -X POST ${sandbox.url}/_sandbox/hero/appointments/<id>/expire
See the messages and batches sent:      curl ${sandbox.url}/_sandbox/hero/messages  (and /batches)
See the subscriptions n8n registered:   curl ${sandbox.url}/_sandbox/hero/webhooks
See every API call the sandbox got:     curl ${sandbox.url}/_sandbox/requests
Inject a fault (here: the next create answers 503):
  curl -X POST ${sandbox.url}/_sandbox/faults -H 'content-type: application/json' \\
       -d '{"vendor":"hero","method":"POST","path":"^/v1/webhooks$","kind":"status","status":503}'
Stop with Ctrl-C.`);

	const stop = async () => {
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});

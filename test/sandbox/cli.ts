import { SEED } from './hearlink/practice';
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
See the subscriptions n8n registered:   curl ${sandbox.url}/_sandbox/hero/webhooks
See every API call the sandbox got:     curl ${sandbox.url}/_sandbox/requests
Inject a fault (here: the next create answers 503):
  curl -X POST ${sandbox.url}/_sandbox/faults -H 'content-type: application/json' \\
       -d '{"vendor":"hero","method":"POST","path":"^/v1/webhooks$","kind":"status","status":503}'

Healthie (GraphQL at ${sandbox.healthie.baseUrl}; version header chooses the schema form):
  curl -X POST ${sandbox.healthie.baseUrl} -H 'content-type: application/json' \\
       -H 'Authorization: Basic ${sandbox.healthie.apiKey}' -H 'AuthorizationSource: API' \\
       -H 'Healthie-GraphQL-API-Version: 2026-01-01' -d '{"query":"{ currentUser { id email } }"}'
Send a Healthie event to every webhook subscribed to it (signed as Healthie documents):
  curl -X POST ${sandbox.url}/_sandbox/healthie/events -H 'content-type: application/json' \\
       -d '{"event_type":"form_answer_group.created","resource_id":"4001"}'
See the Healthie webhooks n8n created:   curl ${sandbox.url}/_sandbox/healthie/webhooks
Disable one as Healthie does after failed deliveries:  curl -X POST ${sandbox.url}/_sandbox/healthie/webhooks/<id>/disable
Answer the next 3 requests with TOO_MANY_REQUESTS:
  curl -X POST ${sandbox.url}/_sandbox/healthie/rate-limit -H 'content-type: application/json' -d '{"times":3}'

HearLink has no webhook API; these routes stand in for its portal (Organisation Settings → Webhooks):
  Create a webhook for a trigger's URL; the answer holds the signing secret (shown once, as in HearLink)
  that goes into the credential's "Webhook Signing Secret":
  curl -X POST ${sandbox.url}/_sandbox/hearlink/webhooks -H 'content-type: application/json' \\
       -d '{"url":"http://127.0.0.1:5678/webhook/<webhook id>/webhook","events":["patient.created","appointment.updated"]}'
  Send an event to every webhook subscribed to it (add "loseAcknowledgements":true to see all 5 retries):
  curl -X POST ${sandbox.url}/_sandbox/hearlink/events -H 'content-type: application/json' \\
       -d '{"type":"appointment.updated"}'
  Press the portal's Test button:  curl -X POST ${sandbox.url}/_sandbox/hearlink/webhooks/<id>/test
  Rotate the secret:               curl -X POST ${sandbox.url}/_sandbox/hearlink/webhooks/<id>/rotate -d '{"keepPrevious":true}' -H 'content-type: application/json'
  List webhooks (no secrets):      curl ${sandbox.url}/_sandbox/hearlink/webhooks
  HearLink records to try the actions with: patient ${SEED.patient}, appointment ${SEED.appointment},
  invoice ${SEED.invoice}; clinics Manchester / Leeds, referrals Facebook / GP Referral / Google Ads / Website,
  status "Patient Created" (secondary "Awaiting Call"), appointment type ${SEED.appointmentTypeHearingTest},
  assignee ${SEED.userAudiologist}, clinic ${SEED.clinicManchester}.
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

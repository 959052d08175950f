import { readFileSync } from 'node:fs';

import { SEED } from '../test/sandbox/hearLink/practice';
import { startSandbox } from '../test/sandbox/index';
import { RXSCALE_SANDBOX_READ_ONLY_KEY, RXSCALE_SANDBOX_SIGNING_SECRET } from '../test/sandbox/rxScale';

/**
 * `npm run sandbox`: the vendor sandbox on its own, to try the nodes without vendor accounts.
 * SANDBOX_PORT chooses the port (default 8787); SANDBOX_TRUST_CERT names a PEM certificate to trust
 * for https deliveries (a local n8n served over https); RXSCALE_ALLOW_HTTP_TARGETS=true lets the
 * RxScale simulation accept http targets (the real RxScale does not, nor does the RxScale Trigger).
 */
async function main(): Promise<void> {
	const port = Number(process.env.SANDBOX_PORT ?? 8787);
	const trust = process.env.SANDBOX_TRUST_CERT;
	const sandbox = await startSandbox({
		port,
		trustedCertificates: trust ? [readFileSync(trust, 'utf8')] : [],
		rxScale: { settings: { allowHttpTargets: process.env.RXSCALE_ALLOW_HTTP_TARGETS === 'true' } },
	});
	const described = sandbox.server.describe() as { vendors: Record<string, { baseUrl: string; credentials: Record<string, string> }> };

	console.log(`Vendor sandbox listening on ${sandbox.url}\n`);
	for (const [name, vendor] of Object.entries(described.vendors)) {
		console.log(`${name}: base URL ${vendor.baseUrl}`);
		console.log(`  credential (environment "Custom"): ${JSON.stringify(vendor.credentials)}`);
	}
	console.log(`
Send a Hero Health event to every subscribed trigger:
  curl -X POST ${sandbox.url}/_sandbox/heroHealth/events -H 'content-type: application/json' \\
       -d '{"event":"appointment.confirmed","id":"1001"}'
Hero's practice: patients 501 and 502 (NHS 943 476 5919 and 943 476 5870), appointment types 1-4,
locations 5 and 6, 130 free slots on the five weekdays from ${sandbox.heroHealth.slots[0]?.start_time.slice(0, 10)}.
See appointments (reserved, confirmed, cancelled): curl ${sandbox.url}/_sandbox/heroHealth/appointments
Let a reservation run out now:          curl -X POST ${sandbox.url}/_sandbox/heroHealth/appointments/<id>/expire
See the messages and batches sent:      curl ${sandbox.url}/_sandbox/heroHealth/messages  (and /batches)
See the subscriptions n8n registered:   curl ${sandbox.url}/_sandbox/heroHealth/webhooks
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
  curl -X POST ${sandbox.url}/_sandbox/hearLink/webhooks -H 'content-type: application/json' \\
       -d '{"url":"http://127.0.0.1:5678/webhook/<webhook id>/webhook","events":["patient.created","appointment.updated"]}'
  Send an event to every webhook subscribed to it (add "loseAcknowledgements":true to see all 5 retries):
  curl -X POST ${sandbox.url}/_sandbox/hearLink/events -H 'content-type: application/json' \\
       -d '{"type":"appointment.updated"}'
  Press the portal's Test button:  curl -X POST ${sandbox.url}/_sandbox/hearLink/webhooks/<id>/test
  Rotate the secret:               curl -X POST ${sandbox.url}/_sandbox/hearLink/webhooks/<id>/rotate -d '{"keepPrevious":true}' -H 'content-type: application/json'
  List webhooks (no secrets):      curl ${sandbox.url}/_sandbox/hearLink/webhooks
  HearLink records to try the actions with: patient ${SEED.patient}, appointment ${SEED.appointment},
  invoice ${SEED.invoice}; clinics Manchester / Leeds, referrals Facebook / GP Referral / Google Ads / Website,
  status "Patient Created" (secondary "Awaiting Call"), appointment type ${SEED.appointmentTypeHearingTest},
  assignee ${SEED.userAudiologist}, clinic ${SEED.clinicManchester}.

RxScale (${sandbox.rxScale.settings.allowHttpTargets ? 'http targets accepted: RXSCALE_ALLOW_HTTP_TARGETS' : 'HTTPS targets only, as RxScale'}):
  Read-only key (gets 403 on register/remove/test): ${RXSCALE_SANDBOX_READ_ONLY_KEY}
  Organisation signing secret (for the credential's Webhook Signing Secret): ${RXSCALE_SANDBOX_SIGNING_SECRET}
  The RxScale Trigger needs n8n's webhook URL to be https: start n8n with N8N_PROTOCOL=https,
  N8N_SSL_KEY/N8N_SSL_CERT and N8N_WEBHOOK_URL=https://localhost:5678/, and this sandbox with
  SANDBOX_TRUST_CERT=<that certificate> so that its deliveries trust it. (npm start puts n8n's
  webhooks behind such an https front, trusted by its sandbox, for you.)
  Send an event to every subscription for it:
    curl -X POST ${sandbox.url}/_sandbox/rxScale/events -H 'content-type: application/json' \\
         -d '{"event_type":"pharmacy_order_created","uid":"po-1001"}'
  See the subscriptions (removed ones stay, inactive): curl ${sandbox.url}/_sandbox/rxScale/subscriptions
  Switch an undocumented behaviour: curl -X PATCH ${sandbox.url}/_sandbox/rxScale/settings \\
         -H 'content-type: application/json' -d '{"secrets":"organisation","duplicates":"type","allowHttpTargets":true}'
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

import type { IDataObject } from 'n8n-workflow';

import { corpusSubject } from '../support/forgeryTargets';
import { TriggerHarness } from '../support/n8nCore';
import { VENDOR_KITS } from '../vendors';

/**
 * A trigger reads its Events and Options from the node's own parameters on every delivery (n8n
 * resolving each one costs more than the rest of the check), and lets n8n resolve them when one is
 * an expression: in n8n-core's real WebhookContext, both must give the same decisions.
 */

const hero = corpusSubject(VENDOR_KITS.heroHealth);

function heroTrigger(options: IDataObject, events: IDataObject[string] = hero.parameters.events, webhookId = `p-${Math.random()}`) {
	const harness = new TriggerHarness({
		trigger: hero.trigger,
		credentialTypes: [VENDOR_KITS.heroHealth.credentialType],
		credentials: hero.credentials,
		parameters: { events, options },
		n8nBaseUrl: 'https://n8n.example.com',
		webhookId,
	});
	harness.staticData.production[`node:${harness.node.name}`] = JSON.parse(JSON.stringify(hero.staticData)) as Record<string, unknown>;
	return harness;
}

async function deliver(harness: TriggerHarness, ageSeconds: number) {
	const delivery = hero.target.sign(hero.target.body(Math.floor(Math.random() * 1e6)), hero.target.secret, Math.floor(Date.now() / 1000) - ageSeconds);
	const answer: { status?: number } = {};
	const response = {
		status: (code: number) => ((answer.status = code), response),
		json: () => response,
		send: () => response,
		end: () => response,
	};
	const result = await harness.webhook('production', { method: 'POST', headers: delivery.headers, rawBody: delivery.rawBody, body: {}, params: {}, query: {}, readRawBody: async () => {} }, response);
	return result.workflowData ? 'run' : (answer.status ?? 'acknowledged');
}

it('honours a plain signature window and one given as an expression alike', async () => {
	// Ten minutes old: outside the default five-minute window, inside a fifteen-minute one.
	expect(await deliver(heroTrigger({}), 600)).toBe(401);
	expect(await deliver(heroTrigger({ timestampToleranceSeconds: 900 }), 600)).toBe('run');
	expect(await deliver(heroTrigger({ timestampToleranceSeconds: '={{ 15 * 60 }}' }), 600)).toBe('run');
	expect(await deliver(heroTrigger({ timestampToleranceSeconds: '={{ 60 }}' }), 120)).toBe(401);
});

it('honours events given as an expression', async () => {
	expect(await deliver(heroTrigger({}, ['appointment.cancelled']), 0)).toBe('acknowledged');
	expect(await deliver(heroTrigger({}, '={{ ["appointment.confirmed"] }}'), 0)).toBe('run');
});

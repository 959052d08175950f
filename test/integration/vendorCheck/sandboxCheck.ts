import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { vendorNamed } from '../../../scripts/vendorCheck/cli';
import type { FactResult } from '../../../scripts/vendorCheck/findings';
import type { CheckReport } from '../../../scripts/vendorCheck/run';
import { runVendorCheck } from '../../../scripts/vendorCheck/run';
import type { Sandbox } from '../../sandbox';
import type { VendorSlug } from '../../vendors';

/**
 * Runs the vendor check against a started sandbox, as an admin would against the vendor (environment
 * Custom, the sandbox's credential), with the check's own receiver on a loopback port, and does for
 * the sandbox what an admin does at the vendor while the check waits: make Hero send an event, press
 * HearLink's portal Test button. Collects every secret and every piece of patient data the sandbox
 * holds, so that a test can show the report carries none of them.
 */

export interface SandboxCheck {
	report: CheckReport;
	lines: string[];
	fact(id: string): FactResult;
	/** Keys and signing secrets of the run (the sandbox's and those made during it). */
	secrets: string[];
	/** The sandbox's patients' names, NHS numbers, dates of birth, e-mail addresses and phone numbers. */
	patientData: string[];
	/** The receiver URL the check used. */
	receiverUrl?: string;
}

export interface SandboxCheckOptions {
	/** Give the check its receiver (default true). */
	receiver?: boolean;
	/** Allow the throwaway subscriptions (default true: `--yes`). */
	mayCreate?: boolean;
	diagnostics?: string[];
	/** Credential fields to change (e.g. Healthie's API version). */
	credentials?: ICredentialDataDecryptedObject;
	waitMs?: number;
	/** Make the sandbox deliver while the check waits (default true). */
	deliver?: boolean;
	/** The receiver's port (default: a free one). */
	receiverPort?: number;
	/** Aborted when the check starts waiting for deliveries, as the admin's Ctrl-C would. */
	interruptWhileWaiting?: boolean;
	/** Done first when the check starts waiting (before the sandbox delivers). */
	whileWaiting?: () => Promise<void>;
}

export function receiverUrlFor(port: number): string {
	return `http://127.0.0.1:${port}/vendor-check/hook`;
}

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

export async function checkAgainstSandbox(sandbox: Sandbox, slug: VendorSlug, options: SandboxCheckOptions = {}): Promise<SandboxCheck> {
	const vendor = vendorNamed(slug)!;
	const credentials: ICredentialDataDecryptedObject = { ...sandbox[slug].credentials(), ...options.credentials };
	const secrets = new Set<string>([String(credentials.apiKey)]);
	const port = options.receiver === false ? undefined : (options.receiverPort ?? (await freePort()));
	const receiverUrl = port === undefined ? undefined : receiverUrlFor(port);

	let hearLinkWebhook: string | undefined;
	if (slug === 'hearLink' && receiverUrl) {
		// As an admin does in HearLink's portal: a webhook for the receiver, its secret rotated (keeping the old one), the secret in the environment.
		const webhook = sandbox.hearLink.createWebhook(receiverUrl, ['patient.created']);
		secrets.add(webhook.secret);
		const current = sandbox.hearLink.rotateSecret(webhook.id, true)!;
		secrets.add(current);
		credentials.webhookSigningSecret = current;
		hearLinkWebhook = webhook.id;
	}
	const healthieAdd = sandbox.healthie.addWebhook.bind(sandbox.healthie);
	sandbox.healthie.addWebhook = (...args: Parameters<typeof healthieAdd>) => {
		const webhook = healthieAdd(...args);
		secrets.add(webhook.signature_secret);
		return webhook;
	};

	const lines: string[] = [];
	const interrupt = new AbortController();
	let report: CheckReport;
	try {
		report = await runVendorCheck({
			vendor,
			environment: 'custom',
			baseUrl: String(credentials.baseUrl),
			credentials,
			mayCreate: options.mayCreate ?? true,
			...(receiverUrl && port ? { receiver: { url: receiverUrl, port } } : {}),
			waitMs: options.waitMs ?? 5000,
			diagnostics: options.diagnostics ?? [],
			interrupt: interrupt.signal,
			io: {
				say: (line) => lines.push(line),
				waiting: async () => {
					if (options.interruptWhileWaiting) interrupt.abort();
					await options.whileWaiting?.();
					if (options.deliver === false) return;
					if (slug === 'heroHealth') void sandbox.heroHealth.emit('appointment.confirmed', '1001');
					if (slug === 'hearLink' && hearLinkWebhook) void sandbox.hearLink.emit('webhook.test', undefined, { webhookId: hearLinkWebhook });
				},
			},
		});
	} finally {
		sandbox.healthie.addWebhook = healthieAdd;
	}

	for (const request of sandbox.server.requestsTo('heroHealth', { method: 'POST', path: '/v1/webhooks' })) {
		const key = (request.body as { signing_key?: unknown } | undefined)?.signing_key;
		if (typeof key === 'string') secrets.add(key);
	}
	for (const subscription of sandbox.rxScale.subscriptions) if (subscription.signing_secret) secrets.add(subscription.signing_secret);
	secrets.add(sandbox.rxScale.organisationSecret);

	const facts = new Map(report.facts.map((fact) => [fact.id, fact]));
	return {
		report,
		lines,
		fact: (id) => {
			const found = facts.get(id);
			if (!found) throw new Error(`the report has no fact ${id}`);
			return found;
		},
		secrets: [...secrets],
		patientData: patientData(sandbox),
		receiverUrl,
	};
}

const PERSONAL = /name|email|phone|mobile|nhs|dob|birth|postcode|address|line1/i;

/** Every personal value of the sandbox's patients (at least 5 characters, so that it can be searched for). */
function patientData(sandbox: Sandbox): string[] {
	const found = new Set<string>();
	const walk = (value: unknown, key = '') => {
		if (typeof value === 'string' || typeof value === 'number') {
			const text = String(value);
			if (PERSONAL.test(key) && text.length >= 5) found.add(text);
			return;
		}
		if (value instanceof Map) {
			for (const inner of value.values()) walk(inner, key);
			return;
		}
		if (Array.isArray(value)) {
			for (const inner of value) walk(inner, key);
			return;
		}
		if (value && typeof value === 'object') for (const [name, inner] of Object.entries(value)) walk(inner, name);
	};
	walk(sandbox.heroHealth.patients);
	walk(sandbox.heroHealth.pds);
	walk(sandbox.healthie.records.User);
	walk(sandbox.hearLink.patients);
	walk(sandbox.rxScale.patients);
	return [...found];
}

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { VendorSlug } from '../../vendors';
import { checkAgainstSandbox } from './sandboxCheck';

/**
 * For each plausible alternative a vendor's documentation leaves open, the sandbox can behave that
 * way (docs/VENDOR-CHECK.md#sandbox-switches), and the check, run against it, names that exact
 * difference: the fact, "differs", and what it saw. Nothing here tells the check what to expect.
 */

interface Case {
	vendor: VendorSlug;
	/** Makes the sandbox behave the other way; returns what puts it back (when `reset` does not). */
	switch(sandbox: Sandbox): void | (() => void);
	fact: string;
	seen: RegExp;
	/** Credential fields for the run (e.g. the organisation's secret). */
	credentials?: (sandbox: Sandbox) => Record<string, string>;
}

const CASES: Record<string, Case> = {
	'Hero signs in base64': {
		vendor: 'heroHealth',
		switch: (sandbox) => void (sandbox.heroHealth.settings.encoding = 'base64'),
		fact: 'signature-encoding',
		seen: /no prefix, 44 chars, base64; the HMAC matched in base64/,
	},
	'Hero prefixes the signature with sha256=': {
		vendor: 'heroHealth',
		switch: (sandbox) => void (sandbox.heroHealth.settings.prefix = 'sha256='),
		fact: 'signature-encoding',
		seen: /prefix "sha256=", 64 chars, lower-case hex; the HMAC matched in hex/,
	},
	'Hero sends millisecond timestamps': {
		vendor: 'heroHealth',
		switch: (sandbox) => void (sandbox.heroHealth.settings.timestampUnit = 'milliseconds'),
		fact: 'timestamp-unit',
		seen: /13 digits \(Unix milliseconds\)/,
	},
	'Hero lists webhooks without url': {
		vendor: 'heroHealth',
		switch: (sandbox) => void (sandbox.heroHealth.settings.listEchoesUrl = false),
		fact: 'webhook-list-echoes-url',
		seen: /listed without url \(fields: id, event_type, description/,
	},
	'Hero answers a delete with 200 and a body': {
		vendor: 'heroHealth',
		switch: (sandbox) => void (sandbox.heroHealth.settings.deleteAnswer = 'okWithBody'),
		fact: 'webhook-delete-answer',
		seen: /^200 with \{ id, event_type, url.*\}; again: 404$/,
	},
	'Hero counts pages from 1': {
		vendor: 'heroHealth',
		switch: (sandbox) => void (sandbox.heroHealth.pageBase = 1),
		fact: 'page-index-base',
		seen: /page_index 1 repeats page_index 0/,
	},
	'Healthie wraps the digest in RFC 9530 colons': {
		vendor: 'healthie',
		switch: (sandbox) => {
			sandbox.healthie.digestColons = true;
			return () => void (sandbox.healthie.digestColons = false);
		},
		fact: 'content-digest-format',
		seen: /Content-Digest: prefix "sha-256=", 46 chars, base64 in colons/,
	},
	'Healthie sends the digest in hex': {
		vendor: 'healthie',
		switch: (sandbox) => {
			sandbox.healthie.digestEncoding = 'hex';
			return () => void (sandbox.healthie.digestEncoding = 'base64');
		},
		fact: 'content-digest-format',
		seen: /Content-Digest: prefix "sha-256=", 64 chars, lower-case hex/,
	},
	'Healthie labels the digest SHA-256': {
		vendor: 'healthie',
		switch: (sandbox) => {
			sandbox.healthie.digestLabel = 'SHA-256';
			return () => void (sandbox.healthie.digestLabel = 'sha-256');
		},
		fact: 'content-digest-format',
		seen: /Content-Digest: prefix "SHA-256="/,
	},
	'Healthie signs the digest without its padding, as its sample code': {
		vendor: 'healthie',
		switch: (sandbox) => {
			sandbox.healthie.signedDigest = 'withoutPadding';
			return () => void (sandbox.healthie.signedDigest = 'asSent');
		},
		fact: 'content-digest-format',
		seen: /the HMAC matched with the digest without its "=" padding/,
	},
	'HearLink refuses a key with another code': {
		vendor: 'hearLink',
		switch: (sandbox) => void (sandbox.hearLink.settings.refusedKey = { status: 401, code: 'INVALID_TOKEN' }),
		fact: 'key-refusal-codes',
		seen: /made-up key: 401 INVALID_TOKEN/,
	},
	'HearLink refuses a key with 403 FORBIDDEN': {
		vendor: 'hearLink',
		switch: (sandbox) => void (sandbox.hearLink.settings.refusedKey = { status: 403, code: 'FORBIDDEN' }),
		fact: 'key-refusal-codes',
		seen: /made-up key: 403 FORBIDDEN/,
	},
	'HearLink answers the probe with 400 VALIDATION_ERROR': {
		vendor: 'hearLink',
		switch: (sandbox) => void (sandbox.hearLink.settings.unknownRecord = { status: 400, code: 'VALIDATION_ERROR' }),
		fact: 'credential-test-answer',
		seen: /probe with the key: 400 VALIDATION_ERROR; the credential’s Test: OK/,
	},
	'RxScale lists the signing secrets': {
		vendor: 'rxScale',
		switch: (sandbox) => void (sandbox.rxScale.settings.listSecrets = true),
		fact: 'list-carries-secrets',
		seen: /5 listed at the check’s address, 5 with a signing_secret/,
	},
	'RxScale removes by uid': {
		vendor: 'rxScale',
		switch: (sandbox) => void (sandbox.rxScale.settings.removeBy = 'uid'),
		fact: 'remove-parameters',
		seen: /the nodes’ remove \(query and body\): RxScale rejected.*uid.*; DELETE …\/notification-subscriptions\/\{uid\}: removed/,
	},
	'RxScale reads remove’s parameters from the query only': {
		vendor: 'rxScale',
		switch: (sandbox) => void (sandbox.rxScale.settings.removeBy = 'query'),
		fact: 'remove-parameters',
		seen: /the query alone: removed; the body alone: 400/,
	},
	'RxScale returns no secret on register (the organisation’s signs)': {
		vendor: 'rxScale',
		switch: (sandbox) => void (sandbox.rxScale.settings.secrets = 'organisation'),
		fact: 'register-returns-secret',
		seen: /0 of 5 registrations answered with a signing_secret/,
	},
	'RxScale signs test deliveries with the organisation’s secret': {
		vendor: 'rxScale',
		switch: (sandbox) => void (sandbox.rxScale.settings.secrets = 'organisation'),
		credentials: (sandbox) => ({ webhookSigningSecret: sandbox.rxScale.organisationSecret }),
		fact: 'test-delivery-signed',
		seen: /signed, with the organisation’s secret/,
	},
	'RxScale allows one subscription per type': {
		vendor: 'rxScale',
		switch: (sandbox) => void (sandbox.rxScale.settings.duplicates = 'type'),
		fact: 'duplicate-registration',
		seen: /the same type at another target: refused \(.*409/,
	},
};

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rxScale: { settings: { allowHttpTargets: true } } });
});

afterAll(async () => await sandbox.stop());

beforeEach(() => sandbox.server.reset());

it.each(Object.entries(CASES))('%s: the check says which fact differs and what it saw', async (_label, { vendor, switch: flip, fact, seen, credentials }) => {
	const restore = flip(sandbox);
	try {
		const check = await checkAgainstSandbox(sandbox, vendor, { credentials: credentials?.(sandbox) });
		expect(check.fact(fact)).toMatchObject({ verdict: 'differs', seen: expect.stringMatching(seen), note: expect.any(String) });
		// The report stays clean whatever the vendor does differently.
		const text = JSON.stringify(check.report);
		for (const secret of check.secrets) expect(text).not.toContain(secret);
		// And it leaves nothing behind.
		expect(check.report.cleanup?.left ?? 0).toBe(0);
	} finally {
		if (restore) restore();
	}
});

it('without the switch, the same facts hold (the switches above are what the check saw)', async () => {
	const facts = new Map<VendorSlug, Set<string>>();
	for (const { vendor, fact } of Object.values(CASES)) facts.set(vendor, new Set([...(facts.get(vendor) ?? []), fact]));
	for (const [vendor, ids] of facts) {
		sandbox.server.reset();
		const check = await checkAgainstSandbox(sandbox, vendor);
		for (const id of ids) expect(`${id}: ${check.fact(id).verdict}`).toBe(`${id}: holds`);
	}
});

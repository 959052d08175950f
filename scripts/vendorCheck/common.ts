import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { EnvironmentUrls } from '../../nodes/shared/environment';
import { messageFromBody } from '../../nodes/shared/errors';
import type { FactCatalogue, Findings } from './findings';
import type { DeliveryReceiver } from './receiver';
import type { DeliveryShape } from './shapes';
import type { RemoteSubscription } from '../../nodes/shared/subscriptions';
import type { CheckSession, RawAnswer, RunRecord, VendorBinding } from './session';

/** What every vendor's part of the check is given for one run. */
export interface RunContext {
	session: CheckSession;
	findings: Findings;
	record: RunRecord;
	/** Whether the admin allowed the throwaway subscriptions (a yes at the prompt, or `--yes`). */
	mayCreate: boolean;
	/** Where throwaway subscriptions point: the receiver's public URL, or an https address that cannot exist. */
	targetUrl: string;
	/** The check's own receiver, when `--receiver-url` was given. */
	receiver?: DeliveryReceiver;
	/** How long to wait for deliveries, in milliseconds. */
	waitMs: number;
	/** A short random id for this run (in the throwaway addresses and descriptions). */
	runId: string;
	io: CheckIo;
}

export interface CheckIo {
	/** A line for the admin (never a secret: callers pass only what the check wrote). */
	say(line: string): void;
	/** Called when the check waits for a delivery: `hint` says what to do. Tests make the sandbox deliver here. */
	waiting?(hint: string): void | Promise<void>;
}

/** An environment variable the check reads a credential field from (or prompts for, hidden). */
export interface CredentialInput {
	field: string;
	env: string;
	label: string;
	required: boolean;
}

export interface VendorCheck {
	slug: 'heroHealth' | 'healthie' | 'hearLink' | 'rxScale';
	/** The folder-and-package spelling, e.g. `hero-health`; its facts page is docs/vendors/<docsPage>.md. */
	docsPage: string;
	binding: VendorBinding;
	environments: EnvironmentUrls;
	/** Which environment the check uses when none is named (the vendor's test environment where it has one). */
	defaultEnvironment: string;
	catalogue: FactCatalogue;
	inputs: CredentialInput[];
	/** Credential fields that are not secrets, from command-line options (e.g. Healthie's API version). */
	extraCredentials?(options: Record<string, string | undefined>): ICredentialDataDecryptedObject;
	/** What the check will create and delete, for the warning before it asks. Empty: it creates nothing. */
	creates(run: { receiver: boolean }): string[];
	/** The headers a delivery is signed with, as the trigger describes them. */
	signedHeaders: { signature: string[]; timestamp?: string[] };
	run(context: RunContext): Promise<void>;
	/** Judges the facts a refused delivery's diagnostics line can show. */
	judgeDiagnostics(shape: DeliveryShape, findings: Findings): void;
}

/** The vendor's own words from an error answer, without secrets, e-mail addresses or long numbers, at most 200 characters. */
export function vendorWords(record: RunRecord, answer: RawAnswer | { body: unknown; error?: string }): string {
	const body = answer.body;
	const code = errorCode(body);
	const message = messageFromBody(body) ?? (typeof answer.error === 'string' ? answer.error : undefined);
	const text = [code, message].filter((part, index, all) => part && all.indexOf(part) === index).join(': ');
	return clean(record, text || (body === undefined || body === '' ? 'no body' : 'a body without a message'));
}

/** `text` (the vendor's, or an error's) fit for the report: secrets, addresses and long numbers removed, shortened. */
export function clean(record: RunRecord, text: string): string {
	const scrubbed = record
		.scrub(text)
		.replace(/[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g, '<email>')
		.replace(/\+?\d[\d\s-]{6,}\d/g, '<number>')
		.replace(/\s+/g, ' ')
		.trim();
	return scrubbed.length > 200 ? `${scrubbed.slice(0, 197)}…` : scrubbed;
}

/** A vendor error body's machine-readable code (`error.code`, `code`, GraphQL `extensions.code`). */
export function errorCode(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	const nested = record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>).code : undefined;
	const errors = Array.isArray(record.errors) ? (record.errors[0] as { extensions?: { code?: unknown } } | undefined) : undefined;
	const code = nested ?? record.code ?? errors?.extensions?.code;
	return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : undefined;
}

/** How an answer looks, for telling "this path exists" from "no such path": status and message, with the path and numbers taken out. */
export function answerKind(answer: RawAnswer, path: string): string {
	if (answer.status === 0) return 'no answer';
	const segments = path.split('/').filter(Boolean);
	let message =
		messageFromBody(answer.body) ??
		errorCode(answer.body) ??
		(answer.body === undefined || answer.body === '' ? '' : isRecord(answer.body) ? `{ ${fieldNames([answer.body]).join(', ')} }` : typeof answer.body);
	message = message.split(path).join('<path>');
	for (const segment of segments.sort((a, b) => b.length - a.length)) message = message.split(segment).join('<segment>');
	return `${answer.status} ${message.replace(/\d+/g, '<n>').trim()}`;
}

/**
 * A vendor-chosen value (an event type, a status, a version, a field name, a path) fit for the
 * report: as it is when it looks like a code, otherwise only its length. Such strings come from
 * answers and deliveries, which a vendor may fill with anything, patient data included.
 */
export function codeToken(value: string): string {
	return /^[A-Za-z0-9_.:/{}@-]{1,64}$/.test(value) ? value : `<a text of ${value.length} characters>`;
}

/** The field names of records, in order of first appearance (never their values). */
export function fieldNames(records: unknown[]): string[] {
	const names: string[] = [];
	for (const record of records) {
		if (!record || typeof record !== 'object' || Array.isArray(record)) continue;
		for (const name of Object.keys(record).map(codeToken)) if (!names.includes(name)) names.push(name);
	}
	return names;
}

/** Header names in lower case, as n8n hands them to a trigger. */
export function lowerCased(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
	return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const ok = (status: number) => status >= 200 && status < 300;

/** "12.3 s" */
export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/**
 * For a diagnostics line: the trigger reads this form, yet refused the delivery for its signature,
 * so something else differs. Empty for a captured delivery or another reason.
 */
export function refusedAnyway(shape: DeliveryShape): string {
	return shape.reason === 'signature does not match'
		? '; yet the trigger refused this delivery because the signature did not match, so the signed string, the key, or a proxy that changes the body differs too: run with --receiver-url to tell which'
		: '';
}

/** Where throwaway subscriptions point when no receiver is given: an https address that cannot exist (`.invalid` never resolves). */
/**
 * The address this run subscribes with: the admin's receiver URL plus a path of this run's own, so
 * that a delivery for an earlier run's subscription (one left by a run that was killed) is told
 * apart and never judged as this run's.
 */
export function runReceiverUrl(receiverUrl: string, runId: string): string {
	const url = new URL(receiverUrl);
	url.pathname = `${url.pathname.replace(/\/+$/, '')}/${receiverRunPath(runId)}`;
	return url.toString();
}

export function receiverRunPath(runId: string): string {
	return `vendor-check-${runId}`;
}

export function unreachableTarget(runId: string): string {
	return `https://vendor-check.n8n-nodes-health-practice.invalid/${runId}`;
}

/** The verdict on a vendor's rate limit, from the 429s the run happened to get (the check never provokes one). */
export function judgeRateLimits(run: RunContext, fact = 'rate-limits'): void {
	const limited = run.record.calls.filter((call) => call.status === 429);
	if (limited.length === 0) return;
	const withWait = limited.filter((call) => call.retryAfter).length;
	const seen = `${limited.length} of the check’s requests were answered 429, ${withWait} of them with Retry-After`;
	if (withWait === limited.length) run.findings.holds(fact, 'api', seen);
	else run.findings.differs(fact, 'api', seen, 'without Retry-After the nodes wait their own backoff (at most 3 attempts), then report the limit');
}

/** How to get a delivery, said once for every delivery fact the check could not see. */
export function needsDelivery(how: string): string {
	return `needs a delivery: run the check again with --receiver-url <public https address> --receiver-port <local port> and ${how}, or pass the line n8n's debug log wrote when a trigger refused a delivery with --delivery-diagnostics (docs/VENDOR-CHECK.md)`;
}

/**
 * Removes everything the check created; says what is left, if anything. What to remove is what the
 * vendor lists at this run's own address (which also catches a subscription the vendor made but
 * whose answer the check could not read) and every id the check was given, listed or not: a vendor
 * whose list leaves some out must not make the clean-up look complete. A removal answered 404 for
 * an id the list did not show counts as gone; any other refusal is said as unconfirmed.
 */
export async function cleanUp(
	run: RunContext,
	created: Array<{ id: string; events: string[] }>,
	remove: (subscription: RemoteSubscription) => Promise<void>,
	listOurs: () => Promise<RemoteSubscription[]>,
): Promise<void> {
	const { record } = run;
	if (!run.mayCreate) return;
	const left: string[] = [];
	let listed: RemoteSubscription[] = [];
	try {
		listed = await listOurs();
	} catch (error) {
		run.io.say(`Could not list the subscriptions to remove the check’s own: ${clean(record, (error as Error).message)}`);
	}
	const unlisted = created.filter((made) => !listed.some((remote) => remote.id === made.id)).map((made) => ({ id: made.id, url: run.targetUrl, events: made.events }));
	const found = created.length + listed.filter((remote) => !created.some((made) => made.id === remote.id)).length;
	if (found === 0) return;
	for (const subscription of listed) {
		try {
			await remove(subscription);
		} catch (error) {
			left.push(`${record.placeholder('subscription', subscription.id)} (${clean(record, (error as Error).message)})`);
		}
	}
	const unconfirmed: string[] = [];
	for (const subscription of unlisted) {
		try {
			await remove(subscription);
		} catch (error) {
			if ((error as { httpCode?: unknown }).httpCode === '404') continue;
			unconfirmed.push(`${record.placeholder('subscription', subscription.id)} (${clean(record, (error as Error).message)})`);
		}
	}
	try {
		for (const still of await listOurs()) {
			if (!left.some((entry) => entry.startsWith(record.placeholder('subscription', still.id)))) {
				left.push(`${record.placeholder('subscription', still.id)} (still listed after its removal)`);
			}
		}
	} catch {
		// Listing failed: what could not be removed is already in `left`.
	}
	run.io.say(
		left.length === 0
			? `Removed the check’s subscriptions (${found} created).`
			: `Could not remove ${left.length} of the check’s subscriptions: ${left.join('; ')}. Remove them by hand (they point at ${record.scrub(run.targetUrl)}).`,
	);
	if (unconfirmed.length > 0) {
		run.io.say(
			`${unconfirmed.length} of the check’s subscriptions were not in the vendor’s list and removing them again was refused: ${unconfirmed.join('; ')}. They are probably gone already; make sure at the vendor (they point at ${record.scrub(run.targetUrl)}).`,
		);
	}
	record.cleanup = { created: found, left: left.length, ...(unconfirmed.length > 0 ? { unconfirmed: unconfirmed.length } : {}) };
}


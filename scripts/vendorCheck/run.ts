import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CUSTOM_ENVIRONMENT } from '../../nodes/shared/environment';
import type { CheckIo, RunContext, VendorCheck } from './common';
import { clean, judgeRateLimits, receiverRunPath, runReceiverUrl, unreachableTarget } from './common';
import type { FactResult } from './findings';
import { Findings } from './findings';
import { DeliveryReceiver } from './receiver';
import type { RecordedCall } from './session';
import { CheckSession, RunRecord } from './session';
import { parseDiagnosticsLine } from './shapes';

/**
 * One run of the vendor check, without the command line: the CLI (scripts/vendorCheck.ts) and the
 * tests call this. It asks the vendor, judges every inferred fact, cleans up what it created, and
 * returns the report (already free of secrets; the caller prints and writes it).
 */

export interface CheckOptions {
	vendor: VendorCheck;
	/** An environment of the credential (`staging`, `production`, …) or `custom`. */
	environment: string;
	/** With `custom`: the API root. */
	baseUrl?: string;
	/** The credential's fields: the API key (and Hero's practice group, Healthie's version, …). */
	credentials: ICredentialDataDecryptedObject;
	mayCreate: boolean;
	receiver?: { url: string; port: number };
	waitMs: number;
	/** Lines from n8n's debug log, each a refused delivery. */
	diagnostics: string[];
	io: CheckIo;
	/** Why nothing is created, when `mayCreate` is false (said in the report). */
	notCreatingBecause?: string;
	/** Aborted when the admin presses Ctrl-C: the run stops waiting, judges what it has and cleans up. */
	interrupt?: AbortSignal;
}

export interface CheckReport {
	report: 'n8n-nodes-health-practice vendor check';
	formatVersion: 1;
	package: { name: string; version: string };
	vendor: string;
	vendorName: string;
	environment: string;
	apiRoot: string;
	ranAt: string;
	how: { throwawaySubscriptions: boolean; receiver: boolean; diagnosticsLines: number; deliveriesReceived: number };
	summary: { holds: number; differs: number; couldNotTell: number };
	facts: Array<FactResult & { docs: string }>;
	calls: RecordedCall[];
	cleanup?: { created: number; left: number; unconfirmed?: number };
	notes: string[];
}

export async function runVendorCheck(options: CheckOptions): Promise<CheckReport> {
	const { vendor, io } = options;
	const record = new RunRecord();
	const notes: string[] = [];
	const credentials: ICredentialDataDecryptedObject = {
		...options.credentials,
		environment: options.environment,
		...(options.environment === CUSTOM_ENVIRONMENT ? { baseUrl: options.baseUrl ?? '' } : {}),
	};
	const session = new CheckSession(vendor.binding, credentials, record);
	const runId = randomBytes(6).toString('hex');
	const findings = new Findings(vendor.catalogue);

	// Where the check subscribes its receiver itself, the address carries a path of this run's own;
	// HearLink's webhook is made by the admin in HearLink's portal, to the receiver URL as given.
	const subscribesReceiver = Boolean(options.receiver) && options.mayCreate && vendor.creates({ receiver: true }).length > 0;
	let receiver: DeliveryReceiver | undefined;
	if (options.receiver) {
		const { port } = options.receiver;
		// Only this run's own path (or, for HearLink's portal webhook, the receiver URL's path) is judged.
		const ownPath = subscribesReceiver ? `/${receiverRunPath(runId)}` : receiverPath(options.receiver.url);
		const acceptsPath = (path: string) => (subscribesReceiver ? path.endsWith(ownPath) : path === ownPath);
		receiver = await DeliveryReceiver.listen(port, { acceptsPath }).catch((error: Error) => {
			throw new Error(`the receiver could not listen on 127.0.0.1:${port} (${error.message}): choose another --receiver-port`);
		});
		for (const form of urlForms(options.receiver.url)) record.alias(form, '<receiver-url>');
	}
	const targetUrl = options.receiver ? (subscribesReceiver ? runReceiverUrl(options.receiver.url, runId) : options.receiver.url) : unreachableTarget(runId);
	if (subscribesReceiver) record.alias(targetUrl, '<receiver-url>/<this run>');
	else if (!options.receiver) record.alias(targetUrl, '<an https address that cannot exist>');
	const stopWaiting = () => receiver?.stopWaiting();
	options.interrupt?.addEventListener('abort', stopWaiting, { once: true });
	if (options.interrupt?.aborted) stopWaiting();

	for (const [index, line] of options.diagnostics.entries()) {
		const shape = parseDiagnosticsLine(line);
		if ('error' in shape) notes.push(`--delivery-diagnostics #${index + 1}: ${shape.error}`);
		else if (shape.vendorName !== vendor.binding.name) notes.push(`--delivery-diagnostics #${index + 1} is a ${shape.vendorName} line, not ${vendor.binding.name}'s: ignored`);
		else vendor.judgeDiagnostics(shape, findings);
	}

	const context: RunContext = { session, findings, record, mayCreate: options.mayCreate, targetUrl, receiver, waitMs: options.waitMs, runId, io };
	io.say(`Asking ${vendor.binding.name} at ${record.scrub(session.baseUrl)} …`);
	try {
		await vendor.run(context);
	} catch (error) {
		notes.push(`The check stopped early: ${clean(record, error instanceof Error ? error.message : String(error))}`);
	} finally {
		options.interrupt?.removeEventListener('abort', stopWaiting);
		await receiver?.close();
	}
	if (options.interrupt?.aborted) notes.push('The run was interrupted: it stopped waiting for deliveries, judged what it had and removed what it had created.');
	if (receiver && receiver.ignored > 0) {
		notes.push(`${receiver.ignored} deliveries reached the receiver for another address (a subscription an earlier, interrupted run left, or not the check's): ignored.`);
	}
	judgeRateLimits(context);
	if (!options.mayCreate && vendor.creates({ receiver: Boolean(options.receiver) }).length > 0) {
		notes.push(`Nothing was created at ${vendor.binding.name}: ${options.notCreatingBecause ?? 'not allowed'}. The facts that need a throwaway subscription say "could not tell".`);
	}

	const facts = findings.results().map((fact) => ({ ...fact, docs: `docs/vendors/${vendor.docsPage}.md#${fact.id}` }));
	const report: CheckReport = {
		report: 'n8n-nodes-health-practice vendor check',
		formatVersion: 1,
		package: packageIdentity(),
		vendor: vendor.slug,
		vendorName: vendor.binding.name,
		environment: options.environment,
		apiRoot: session.baseUrl,
		ranAt: new Date().toISOString(),
		how: {
			throwawaySubscriptions: options.mayCreate,
			receiver: Boolean(options.receiver),
			diagnosticsLines: options.diagnostics.length,
			deliveriesReceived: record.deliveries,
		},
		summary: {
			holds: facts.filter((fact) => fact.verdict === 'holds').length,
			differs: facts.filter((fact) => fact.verdict === 'differs').length,
			couldNotTell: facts.filter((fact) => fact.verdict === 'could not tell').length,
		},
		facts,
		calls: record.calls.map((call) => ({ ...call, path: record.pathLabel(call.path) })),
		...(record.cleanup ? { cleanup: record.cleanup } : {}),
		notes,
	};
	return scrubbed(report, record);
}

/** The receiver URL's path as the receiver sees it: no query, no trailing slash ('' for the root). */
function receiverPath(url: string): string {
	return new URL(url).pathname.replace(/\/+$/, '');
}

/** A URL as typed and as the URL parser writes it (host lower-cased, default port dropped, …), without trailing slashes. */
function urlForms(url: string): string[] {
	return [...new Set([url, new URL(url).toString()].map((form) => form.replace(/\/+$/, '')))];
}

/** Every string of the report passed through the run's scrubber (secrets, the receiver's and the vendor's invented values). */
function scrubbed<T>(value: T, record: RunRecord): T {
	const walk = (node: unknown): unknown => {
		if (typeof node === 'string') return record.scrub(node);
		if (Array.isArray(node)) return node.map(walk);
		if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, walk(inner)]));
		return node;
	};
	return walk(value) as T;
}

/** This package's name and version, from the nearest package.json above this file. */
function packageIdentity(): { name: string; version: string } {
	for (let folder = __dirname; ; folder = dirname(folder)) {
		const file = join(folder, 'package.json');
		if (existsSync(file)) {
			const { name, version } = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
			if (name === 'n8n-nodes-health-practice') return { name, version: version ?? 'unknown' };
		}
		if (dirname(folder) === folder) return { name: 'n8n-nodes-health-practice', version: 'unknown' };
	}
}

/** The report as a table for the terminal: one row per fact, then the details of every fact that does not hold. */
export function reportTable(report: CheckReport): string {
	const rows = report.facts.map((fact) => [fact.verdict, fact.id, fact.checkedBy, fact.seen]);
	const widths = [14, Math.max(4, ...report.facts.map((fact) => fact.id.length)), 11];
	const pad = (text: string, width: number) => (text.length >= width ? text : `${text}${' '.repeat(width - text.length)}`);
	const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
	const seenWidth = Math.max(30, 150 - widths.reduce((sum, width) => sum + width + 2, 0));
	const line = (cells: string[]) => `${pad(cells[0], widths[0])}  ${pad(cells[1], widths[1])}  ${pad(cells[2], widths[2])}  ${cut(cells[3], seenWidth)}`;
	const details = report.facts
		.filter((fact) => fact.verdict !== 'holds')
		.map((fact) =>
			[
				`${fact.id} — ${fact.verdict}${fact.checkedBy === 'none' ? '' : ` (${fact.checkedBy})`}`,
				`  assumed: ${fact.assumed}`,
				`  seen:    ${fact.seen}`,
				`  ${fact.verdict === 'differs' ? 'means:  ' : 'why:    '} ${fact.note ?? ''}`,
				`  docs:    ${fact.docs}`,
			].join('\n'),
		);
	return [
		`${report.vendorName} — ${report.environment} (${report.apiRoot}), ${report.ranAt}`,
		`${report.summary.holds} hold, ${report.summary.differs} differ, ${report.summary.couldNotTell} could not tell`,
		'',
		line(['VERDICT', 'FACT', 'CHECKED BY', 'SEEN']),
		...rows.map(line),
		...(details.length > 0 ? ['', 'Details', '', details.join('\n\n')] : []),
		...(report.notes.length > 0 ? ['', 'Notes', ...report.notes.map((note) => `- ${note}`)] : []),
	].join('\n');
}

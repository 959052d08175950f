import type { IAllExecuteFunctions } from 'n8n-workflow';

import { resolveBaseUrl } from '../shared/environment';
import { statusText } from '../shared/errors';
import type { VendorApi, VendorErrorText, VendorRequest } from '../shared/http';
import { vendorRequest } from '../shared/http';
import { HEARLINK_ENVIRONMENTS } from './environments';

/** HearLink's HTTP: base URL from the credential, `x-api-key` (added by the credential), its error body. */
export const hearLinkApi: VendorApi = {
	vendorName: 'HearLink',
	credentialType: 'hearLinkApi',
	baseUrl: (credentials) => resolveBaseUrl(credentials, HEARLINK_ENVIRONMENTS),
	describeError: describeHearLinkError,
};

/** HearLink wraps every answer: `{ success: true, data }` (docs/vendors/hearlink.md#answers-and-errors). */
export interface HearLinkEnvelope<T = unknown> {
	success: boolean;
	data: T;
}

export async function hearLinkRequest<T = unknown>(
	this: IAllExecuteFunctions,
	request: VendorRequest,
): Promise<HearLinkEnvelope<T>> {
	return (await vendorRequest.call(this, hearLinkApi, request)) as HearLinkEnvelope<T>;
}

interface HearLinkError {
	code?: unknown;
	message?: unknown;
	details?: unknown;
}

/**
 * HearLink's error body is `{ success: false, error: { code, message, details } }` (docs/vendors/hearlink.md#answers-and-errors),
 * e.g. 400 VALIDATION_ERROR "Exactly one of [statusId, statusName] must be provided for status."
 * with `details: { statusId: "Both statusId and statusName provided" }`. It becomes
 * "HearLink rejected the request (400 VALIDATION_ERROR): Exactly one of …" with the details as
 * "statusId: Both statusId and statusName provided" in the description.
 */
export function describeHearLinkError(status: number, body: unknown): VendorErrorText {
	const error = errorOf(body);
	const code = text(error?.code);
	const vendorMessage = text(error?.message) ?? (typeof body === 'string' ? text(body) : undefined);
	const details = detailLines(error?.details);

	const headline = headlineFor(status, code);
	const message = vendorMessage ? `${headline}: ${vendorMessage}` : headline;
	const description = [details.length > 0 ? details.join('; ') : undefined, adviceFor(status)]
		.filter(Boolean)
		.join(' — ');
	return { message, description: description || undefined };
}

function headlineFor(status: number, code: string | undefined): string {
	const label = code ? `${status} ${code}` : String(status);
	if (status === 400) return `HearLink rejected the request (${label})`;
	if (status === 401) return `HearLink refused the API key (${label})`;
	if (status === 403) return `HearLink refused this request: the API key lacks the permission (${label})`;
	if (status === 404) return `HearLink could not find it (${label})`;
	return code ? `${statusText('HearLink', status)} [${code}]` : statusText('HearLink', status);
}

function adviceFor(status: number): string | undefined {
	if (status === 401) {
		return 'Open the HearLink credential and paste a current API key (Organisation Settings → API keys in HearLink; a key is shown only once, so create a new one if it was lost).';
	}
	if (status === 403) {
		return 'The API key is valid but not allowed to do this. Ask a HearLink organisation owner to give the key the permission, or use a key that has it.';
	}
	if (status === 400) return 'Correct the fields named above and run the node again.';
	if (status === 404) return 'Check the ID: HearLink has no record with it for this organisation.';
	return undefined;
}

function errorOf(body: unknown): HearLinkError | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const error = (body as { error?: unknown }).error;
	if (typeof error === 'object' && error !== null) return error as HearLinkError;
	if (typeof error === 'string') return { message: error };
	const message = (body as { message?: unknown }).message;
	return typeof message === 'string' ? { message } : undefined;
}

/** `details` is an object (field → problem) per the spec; a list or a string is shown as it is. */
function detailLines(details: unknown): string[] {
	if (details === undefined || details === null) return [];
	if (typeof details === 'string') return details.trim() ? [details.trim()] : [];
	if (Array.isArray(details)) return details.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
	if (typeof details === 'object') {
		return Object.entries(details as Record<string, unknown>).map(
			([field, problem]) => `${field}: ${typeof problem === 'string' ? problem : JSON.stringify(problem)}`,
		);
	}
	return [String(details)];
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { heroHealthRequest } from './transport';

/**
 * The payload objects Hero Health has a read endpoint for (hero-health.md §3.6). Prescriptions and
 * write-to-record entries have none in the published reference.
 */
export const HERO_HEALTH_RECORD_PATHS: Record<string, (id: string) => string> = {
	Appointment: (id) => `/v1/appointments/${encodeURIComponent(id)}`,
	Patient: (id) => `/v1/patients/${encodeURIComponent(id)}`,
};

export type FullRecord = { record: IDataObject } | { recordError: string } | Record<string, never>;

/**
 * Fetches the full record an event points at, for "Include Full Record". It runs while the
 * delivery waits for its answer, so it makes one attempt with a short timeout, and a failure is
 * returned as `recordError` instead of losing the event.
 */
export async function fetchFullRecord(
	this: IAllExecuteFunctions,
	object: string,
	id: string,
): Promise<FullRecord> {
	const path = HERO_HEALTH_RECORD_PATHS[object];
	if (!path) return {};
	try {
		const record = await heroHealthRequest.call(this, {
			method: 'GET',
			path: path(id),
			attempts: 1,
			timeoutMs: 10_000,
		});
		return { record: (record ?? {}) as IDataObject };
	} catch (error) {
		return { recordError: (error as Error).message };
	}
}

import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { pathSegment } from '../shared/paths';
import { heroHealthRequest } from './transport';

/** The paths of the records Hero Health has a read endpoint for; each ID is one checked path segment. */
export const HERO_HEALTH_RECORD_PATHS = {
	Appointment: (id: string) => `/v1/appointments/${pathSegment(id, 'Appointment ID')}`,
	Patient: (id: string) => `/v1/patients/${pathSegment(id, 'Patient ID')}`,
} as const;

/**
 * The payload objects "Include Full Record" can read, by the delivery's object name. A `Map`, so
 * that a name such as `constructor` finds nothing. Prescriptions and write-to-record entries have
 * no read endpoint in Hero's published reference.
 */
const READABLE_OBJECTS = new Map<string, (id: string) => string>([
	['Appointment', HERO_HEALTH_RECORD_PATHS.Appointment],
	['Patient', HERO_HEALTH_RECORD_PATHS.Patient],
]);

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
	const pathOf = READABLE_OBJECTS.get(object);
	if (!pathOf) return {};
	try {
		const record = await heroHealthRequest.call(this, {
			method: 'GET',
			path: pathOf(id),
			attempts: 1,
			timeoutMs: 10_000,
		});
		return { record: (record ?? {}) as IDataObject };
	} catch (error) {
		return { recordError: (error as Error).message };
	}
}

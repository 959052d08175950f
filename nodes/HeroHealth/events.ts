import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The events Hero Health can subscribe a URL to (docs/vendors/hero-health.md#events-and-deliveries; the create enum of the newer
 * reference). `object` is the payload's `object` value. Extend the catalogue here only.
 */
export const HERO_HEALTH_EVENTS = [
	{
		value: 'appointment.confirmed',
		name: 'Appointment Confirmed',
		object: 'Appointment',
		description: 'An appointment was confirmed (booked) for a patient',
	},
	{
		value: 'appointment.cancelled',
		name: 'Appointment Cancelled',
		object: 'Appointment',
		description: 'An appointment was cancelled by the patient or the practice',
	},
	{
		value: 'appointment.rescheduled',
		name: 'Appointment Rescheduled',
		object: 'Appointment',
		description: 'An appointment was moved to another time',
	},
	{
		value: 'prescription.issued',
		name: 'Prescription Issued',
		object: 'Prescription',
		description: 'A prescription was issued for a patient',
	},
	{
		value: 'patient.medical-record-updated',
		name: 'Patient Medical Record Updated',
		object: 'Patient',
		description: "A patient's medical record was updated",
	},
	{
		value: 'patient.added-to-sequence',
		name: 'Patient Added to Sequence',
		object: 'Patient',
		description: 'A patient was added to a sequence (an automated series of messages)',
	},
	{
		value: 'write-to-record.succeeded',
		name: 'Write to Record Succeeded',
		object: 'WriteToRecordEntry',
		description: "An entry was written to the patient's clinical record (EMIS/TPP)",
	},
	{
		value: 'write-to-record.failed',
		name: 'Write to Record Failed',
		object: 'WriteToRecordEntry',
		description: "Writing an entry to the patient's clinical record failed for good and needs a person",
	},
] as const;

export type HeroHealthEvent = (typeof HERO_HEALTH_EVENTS)[number]['value'];

export const HERO_HEALTH_EVENT_OPTIONS: INodePropertyOptions[] = HERO_HEALTH_EVENTS.map(
	({ name, value, description }) => ({ name, value, description }),
);

/** The object each event is about, by event name: a `Map`, so that only catalogue events are found. */
export const HERO_HEALTH_EVENT_OBJECTS: ReadonlyMap<string, string> = new Map(
	HERO_HEALTH_EVENTS.map(({ value, object }) => [value, object]),
);

import { HealthieApi } from '../../credentials/HealthieApi.credentials';
import { RxScaleApi } from '../../credentials/RxScaleApi.credentials';
import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { HealthieTrigger } from '../../nodes/Healthie/HealthieTrigger.node';
import { RxScaleTrigger } from '../../nodes/RxScale/RxScaleTrigger.node';
import { HeroHealthTrigger } from '../../nodes/HeroHealth/HeroHealthTrigger.node';
import type { Sandbox } from '../sandbox';
import { TriggerHarness } from './n8nCore';

/** A self-registering trigger as the lifecycle soak drives it. */
export interface SoakSubject {
	/** The sandbox vendor name (fault and request-log key). */
	vendor: string;
	/** Event selections the cycles switch between. */
	eventSets: string[][];
	/** HTTP methods the vendor sees during publish / unpublish (faults are injected on them). */
	publishMethods: string[];
	unpublishMethods: string[];
	harness(sandbox: Sandbox, index: number): TriggerHarness;
	/** The vendor's subscriptions pointing at `url`. */
	subscriptionsAt(sandbox: Sandbox, url: string): Array<{ id: string; events: string[] }>;
	/** Deletes a subscription at the vendor behind the node's back. */
	drop(sandbox: Sandbox, id: string): void;
	/** Switches a subscription off at the vendor, where the vendor can. */
	disable?(sandbox: Sandbox, id: string): void;
	/** Whether an error message names the vendor and what it answered. */
	namesVendorAnswer(message: string): boolean;
}

const namesAnswer = (vendorName: string) => (message: string) =>
	message.includes(vendorName) && /\(\d{3}\)|could not be reached|did not accept|did not remove/.test(message);

export const heroHealthSoak: SoakSubject = {
	vendor: 'heroHealth',
	eventSets: [
		['appointment.confirmed', 'appointment.cancelled', 'appointment.rescheduled'],
		['prescription.issued'],
		['write-to-record.succeeded', 'write-to-record.failed', 'patient.medical-record-updated', 'patient.added-to-sequence'],
	],
	publishMethods: ['GET', 'POST'],
	unpublishMethods: ['GET', 'DELETE'],
	harness: (sandbox, index) =>
		new TriggerHarness({
			trigger: new HeroHealthTrigger(),
			credentialTypes: [new HeroHealthApi()],
			credentials: { heroHealthApi: sandbox.heroHealth.credentials() },
			parameters: { events: [] },
			n8nBaseUrl: 'http://127.0.0.1:5678',
			webhookId: `50a50a50-0000-4000-8000-${String(index).padStart(12, '0')}`,
		}),
	subscriptionsAt: (sandbox, url) =>
		[...sandbox.heroHealth.webhooks.values()]
			.filter((webhook) => webhook.url === url)
			.map((webhook) => ({ id: webhook.id, events: [webhook.event_type] })),
	drop: (sandbox, id) => {
		sandbox.heroHealth.dropSubscription(id);
	},
	namesVendorAnswer: namesAnswer('Hero Health'),
};

export const healthieSoak: SoakSubject = {
	vendor: 'healthie',
	eventSets: [
		['appointment.created', 'appointment.updated', 'appointment.deleted'],
		['form_answer_group.created'],
		['patient.created', 'patient.updated', 'task.created', 'message.created'],
	],
	// Everything is a GraphQL POST to one endpoint.
	publishMethods: ['POST'],
	unpublishMethods: ['POST'],
	harness: (sandbox, index) =>
		new TriggerHarness({
			trigger: new HealthieTrigger(),
			credentialTypes: [new HealthieApi()],
			credentials: { healthieApi: sandbox.healthie.credentials() },
			parameters: { events: [] },
			n8nBaseUrl: 'http://127.0.0.1:5678',
			webhookId: `50a50a50-0000-4000-9000-${String(index).padStart(12, '0')}`,
		}),
	subscriptionsAt: (sandbox, url) =>
		[...sandbox.healthie.webhooks.values()]
			.filter((webhook) => webhook.url === url)
			.map((webhook) => ({ id: webhook.id, events: webhook.events })),
	drop: (sandbox, id) => {
		sandbox.healthie.webhooks.delete(id);
	},
	disable: (sandbox, id) => {
		sandbox.healthie.disable(id);
	},
	namesVendorAnswer: (message) =>
		message.includes('Healthie') &&
		/\(\d{3}\)|could not be reached|did not accept|did not remove|rejected the request/.test(message),
};

export const rxScaleSoak: SoakSubject = {
	vendor: 'rxScale',
	eventSets: [
		['pharmacy_order_created', 'pharmacy_order_updated', 'pharmacy_sku_stock_updated', 'patient_doctor_meeting_updated'],
		['pharmacy_order_created'],
		['pharmacy_sku_stock_updated', 'patient_doctor_meeting_updated'],
	],
	publishMethods: ['GET', 'POST'],
	unpublishMethods: ['GET', 'DELETE'],
	harness: (sandbox, index) =>
		new TriggerHarness({
			trigger: new RxScaleTrigger(),
			credentialTypes: [new RxScaleApi()],
			credentials: { rxScaleApi: sandbox.rxScale.credentials() },
			parameters: { events: [] },
			// RxScale registers only https targets; the soak needs no deliveries, so nothing listens here.
			n8nBaseUrl: 'https://n8n.soak.test',
			webhookId: `50a50a50-0000-4000-a000-${String(index).padStart(12, '0')}`,
		}),
	subscriptionsAt: (sandbox, url) =>
		sandbox.rxScale
			.active()
			.filter((subscription) => subscription.target === url)
			.map((subscription) => ({ id: subscription.uid, events: [subscription.notification_type] })),
	drop: (sandbox, id) => {
		sandbox.rxScale.dropSubscription(id);
	},
	namesVendorAnswer: namesAnswer('RxScale'),
};

/** Every self-registering trigger (HearLink has no subscription API); each vendor adds its own here. */
export const soakSubjects: SoakSubject[] = [heroHealthSoak, healthieSoak, rxScaleSoak];

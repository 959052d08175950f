import type { IDataObject } from 'n8n-workflow';

import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';
import { HeroHealthTrigger } from '../../nodes/HeroHealth/HeroHealthTrigger.node';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { ActionHarness, TriggerHarness } from '../support/n8nCore';
import { WebhookReceiver } from '../support/webhookReceiver';

/**
 * A workflow's worth of Hero Health: the action node finds a slot, reserves and confirms it (each
 * step fed the previous step's items, as in a workflow), and a published Hero Health Trigger
 * receives the `appointment.confirmed` Hero sends — signed, over real HTTP — and then the
 * rescheduled and cancelled events.
 */

let sandbox: Sandbox;
let receiver: WebhookReceiver;
let action: ActionHarness;
let trigger: TriggerHarness;

const EVENTS = ['appointment.confirmed', 'appointment.rescheduled', 'appointment.cancelled'];

beforeAll(async () => {
	sandbox = await startSandbox({ heroHealth: { calendarStart: '2030-03-04' } });
	sandbox.heroHealth.deliveryPolicy = { attempts: 1, backoffMs: () => 0, timeoutMs: 5000 };
	receiver = await WebhookReceiver.start();
	action = new ActionHarness({
		node: new HeroHealth(),
		credentialTypes: [new HeroHealthApi()],
		credentials: { heroHealthApi: sandbox.heroHealth.credentials() },
	});
});

afterAll(async () => {
	await sandbox.stop();
	await receiver.stop();
});

beforeEach(async () => {
	sandbox.server.reset();
	trigger = new TriggerHarness({
		trigger: new HeroHealthTrigger(),
		credentialTypes: [new HeroHealthApi()],
		credentials: { heroHealthApi: sandbox.heroHealth.credentials() },
		parameters: { events: EVENTS, options: { includeFullRecord: true } },
		n8nBaseUrl: receiver.url,
		webhookId: `00000000-0000-4000-9000-${String(Date.now() % 1e12).padStart(12, '0')}`,
	});
	receiver.register(trigger);
	await trigger.publish();
});

afterEach(async () => await trigger.unpublish());

/** One step of the workflow: the node run on the items the previous step output. */
async function step(parameters: IDataObject, items: IDataObject[] = [{}]): Promise<IDataObject[]> {
	const [output] = await action.run({ parameters, items });
	return output.map((item) => item.json);
}

async function reserveNextNurseSlot(): Promise<IDataObject> {
	const [patient] = await step({
		resource: 'patient',
		operation: 'registerPds',
		traceBy: 'nhsNumber',
		nhsNumber: '943 476 5919',
		dob: '1985-12-10',
	});
	const slots = await step(
		{ resource: 'slot', operation: 'getAll', limit: 1, filters: { appointmentTypeId: '2', locationId: '5' } },
		[patient],
	);
	const [reservation] = await step(
		{
			resource: 'appointment',
			operation: 'reserve',
			appointmentTypeId: '={{ $json.appointment_type_id }}',
			locationId: '={{ $json.location_id }}',
			timeFrom: 'slot',
			slotId: '={{ $json.id }}',
			patientId: String(patient.patient_id),
		},
		slots,
	);
	return reservation;
}

it('reserve → confirm → the published trigger receives appointment.confirmed with the booked appointment', async () => {
	const reservation = await reserveNextNurseSlot();
	const [reserveRequest] = sandbox.server.requestsTo('heroHealth', { method: 'POST', path: '/v1/appointments' });
	expect(reserveRequest.body).toMatchObject({ duration: 15, patient_id: '501', appointment_type_id: '2' });
	expect(receiver.executionsOf(trigger)).toHaveLength(0);

	const [booked] = await step({ resource: 'appointment', operation: 'confirm', appointmentId: '={{ $json.id }}' }, [reservation]);
	await sandbox.server.deliveries.idle();

	const executions = receiver.executionsOf(trigger);
	expect(executions).toHaveLength(1);
	expect(executions[0].items).toEqual([
		expect.objectContaining({
			event: 'appointment.confirmed',
			object: 'Appointment',
			id: reservation.id,
			practice_group_id: sandbox.heroHealth.practiceGroupId,
			record: expect.objectContaining({ id: reservation.id, patient_id: '501', booking_confirmed_at: booked.booking_confirmed_at }),
		}),
	]);
});

it('reschedule and cancel reach the trigger as appointment.rescheduled and appointment.cancelled', async () => {
	const reservation = await reserveNextNurseSlot();
	await step({ resource: 'appointment', operation: 'confirm', appointmentId: reservation.id });
	const later = sandbox.heroHealth.slots.find((slot) => slot.appointment_type_id === '2' && slot.start_time.startsWith('2030-03-06'))!;
	await step({
		resource: 'appointment',
		operation: 'reschedule',
		appointmentId: reservation.id,
		startTime: later.start_time,
		duration: 15,
		practitionerId: later.practitioner_id,
	});
	await step({ resource: 'appointment', operation: 'cancel', appointmentId: reservation.id });
	await sandbox.server.deliveries.idle();

	const events = receiver.executionsOf(trigger).map((execution) => [execution.items[0].event, execution.items[0].id]);
	expect(events).toEqual([
		['appointment.confirmed', reservation.id],
		['appointment.rescheduled', reservation.id],
		['appointment.cancelled', reservation.id],
	]);
});

it('a reservation that ran out is not booked and sends no event', async () => {
	const reservation = await reserveNextNurseSlot();
	sandbox.heroHealth.appointments.get(String(reservation.id))!.reserved_until = new Date(Date.now() - 1000).toISOString();

	await expect(step({ resource: 'appointment', operation: 'confirm', appointmentId: reservation.id })).rejects.toThrow(
		/reserved_until: expected a reservation that has not expired/,
	);
	await sandbox.server.deliveries.idle();
	expect(receiver.executionsOf(trigger)).toHaveLength(0);
});

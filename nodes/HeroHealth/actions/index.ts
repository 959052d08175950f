import type { Operation, Resource } from '../../shared/actions';
export { HERO_HEALTH_LIST_SEARCH } from './listSearch';
import { cancelAppointment } from './appointment/cancel';
import { confirmAppointment } from './appointment/confirm';
import { getAppointment } from './appointment/get';
import { rescheduleAppointment } from './appointment/reschedule';
import { reserveAppointment } from './appointment/reserve';
import { updateAppointment } from './appointment/update';
import { getAllAppointmentTypes } from './appointmentType/getAll';
import { createBatchMessage } from './batchMessage/create';
import { getBatchMessage } from './batchMessage/get';
import { getAllBatchMessages } from './batchMessage/getAll';
import { getBatchMessages } from './batchMessage/getMessages';
import { getBatchRecipients } from './batchMessage/getRecipients';
import { sendBatchMessage } from './batchMessage/send';
import { createAccessToken } from './elements/createAccessToken';
import { createAttachmentLink } from './link/createAttachmentLink';
import { createBookingLink } from './link/createBookingLink';
import { getAllLocations } from './location/getAll';
import { sendMessage } from './message/send';
import { getPatient } from './patient/get';
import { registerPatientPds } from './patient/registerPds';
import { countSlots } from './slot/count';
import { getSlot } from './slot/get';
import { getAllSlots } from './slot/getAll';

/** Hero Health's resources and operations, in the order the node shows them. */

export const HERO_HEALTH_RESOURCES: Resource[] = [
	{ value: 'appointment', name: 'Appointment' },
	{ value: 'appointmentType', name: 'Appointment Type' },
	{ value: 'batchMessage', name: 'Batch Message' },
	{ value: 'elements', name: 'Elements', description: 'Tokens for Hero Elements web components' },
	{ value: 'link', name: 'Link' },
	{ value: 'location', name: 'Location' },
	{ value: 'message', name: 'Message' },
	{ value: 'patient', name: 'Patient' },
	{ value: 'slot', name: 'Slot' },
];

/** Within a resource, in the order of the booking flow: the first is the default. */
export const HERO_HEALTH_OPERATIONS: Operation[] = [
	reserveAppointment,
	confirmAppointment,
	getAppointment,
	updateAppointment,
	rescheduleAppointment,
	cancelAppointment,
	getAllAppointmentTypes,
	createBatchMessage,
	getBatchMessage,
	getAllBatchMessages,
	sendBatchMessage,
	getBatchRecipients,
	getBatchMessages,
	createAccessToken,
	createBookingLink,
	createAttachmentLink,
	getAllLocations,
	sendMessage,
	registerPatientPds,
	getPatient,
	getAllSlots,
	countSlots,
	getSlot,
];

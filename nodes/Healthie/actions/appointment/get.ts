import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { parseInput } from '../../../shared/validation';
import { fetchRecord } from '../../records';
import { healthieId } from '../common';

export const getAppointment: Operation = {
	resource: 'appointment',
	operation: 'get',
	name: 'Get',
	description: 'Read an appointment by ID, including deleted ones',
	action: 'Get an appointment',
	fields: [{ displayName: 'Appointment ID', name: 'appointmentId', type: 'string', default: '', required: true }],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const { id } = parseInput(
			this.getNode(),
			z.object({ id: healthieId('Appointment ID') }),
			{ id: this.getNodeParameter('appointmentId', itemIndex) },
			itemIndex,
		);
		const appointment = await fetchRecord.call(this, 'Appointment', id, { itemIndex });
		if (!appointment) {
			throw new NodeOperationError(this.getNode(), `Healthie has no appointment with ID ${id}`, {
				itemIndex,
				description: 'Check the ID, and that the API key can see this appointment.',
			});
		}
		return appointment;
	},
};

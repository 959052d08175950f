import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { parseInput } from '../../../shared/validation';
import { fetchRecord } from '../../records';
import { healthieId } from '../common';

export const getPatient: Operation = {
	resource: 'patient',
	operation: 'get',
	name: 'Get',
	description: "Read a patient's details by ID (without marking their notifications as seen)",
	action: 'Get a patient',
	fields: [{ displayName: 'Patient ID', name: 'patientId', type: 'string', default: '', required: true }],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const { id } = parseInput(
			this.getNode(),
			z.object({ id: healthieId('Patient ID') }),
			{ id: this.getNodeParameter('patientId', itemIndex) },
			itemIndex,
		);
		const patient = await fetchRecord.call(this, 'User', id, { itemIndex });
		if (!patient) {
			throw new NodeOperationError(this.getNode(), `Healthie has no patient with ID ${id}`, {
				itemIndex,
				description: 'Check the ID, and that the API key can see this patient.',
			});
		}
		return patient;
	},
};

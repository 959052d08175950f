import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection } from '../../../shared/actions';
import { parseInput } from '../../../shared/validation';
import { registerRxScaleSubscription } from '../../subscriptions';
import { httpsUrl, knownEvent, subscriptionFields } from '../common';

const input = z.object({
	target: httpsUrl('Target URL'),
	notificationType: knownEvent('Notification Type'),
	metaData: z
		.union([z.string(), z.record(z.unknown())])
		.optional()
		.transform((value, context) => {
			if (value === undefined || value === '') return undefined;
			if (typeof value !== 'string') return value as IDataObject;
			try {
				const parsed = JSON.parse(value) as unknown;
				if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
			} catch {
				// reported below
			}
			context.addIssue({ code: z.ZodIssueCode.custom, message: 'Meta Data must be a JSON object, e.g. {"clinic": "Berlin"}' });
			return z.NEVER;
		}),
});

export const createSubscription: Operation = {
	resource: 'subscription',
	operation: 'create',
	name: 'Create',
	description: 'Subscribe an HTTPS address to one event type',
	action: 'Create subscription',
	fields: [
		{
			displayName:
				'To start an n8n workflow on RxScale events, use the RxScale Trigger instead: it registers and removes its own subscriptions and keeps their signing secrets. RxScale returns a signing secret only once, and this node never puts it in its output.',
			name: 'registerNotice',
			type: 'notice',
			default: '',
		},
		...subscriptionFields({
			notificationType: 'The event to subscribe to (one per subscription)',
			target: 'The HTTPS address RxScale delivers to',
		}),
		collection('additionalFields', [
			{
				displayName: 'Meta Data',
				name: 'metaData',
				type: 'json',
				default: '{}',
				description: 'Optional metadata stored with the subscription (sent as meta_data), e.g. {"clinic": "Berlin"}',
			},
		]),
	],
	async run(itemIndex) {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as Record<string, unknown>;
		const { target, notificationType: type, metaData } = parseInput(
			this.getNode(),
			input,
			{
				target: this.getNodeParameter('target', itemIndex, ''),
				notificationType: this.getNodeParameter('notificationType', itemIndex, ''),
				metaData: additional.metaData,
			},
			itemIndex,
		);
		const created = await registerRxScaleSubscription.call(
			this,
			{ target, notificationType: type, metaData: metaData && Object.keys(metaData).length > 0 ? metaData : undefined },
			itemIndex,
		);
		const { signing_secret: secret, ...rest } = created;
		return { ...rest, signingSecretReturned: typeof secret === 'string' && secret.length > 0 };
	},
};

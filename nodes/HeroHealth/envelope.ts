import { z } from 'zod';

import type { Envelope } from '../shared/envelope';
import { isPlainRecord, isText, isTextOrNumber } from '../shared/envelope';
import { stringOrNumberId } from '../shared/validation';
import { HERO_HEALTH_EVENT_OBJECTS } from './events';

/**
 * Hero's delivery is a thin pointer: which object changed and how. Every event names one fixed
 * object (`appointment.*` → `Appointment`); a delivery of a catalogue event naming another is refused.
 */
export interface HeroHealthEnvelope {
	object: string;
	id: string | number;
	practice_group_id: string | number;
	event: string;
}

const objectMatchesEvent = ({ event, object }: { event: string; object: string }) =>
	!HERO_HEALTH_EVENT_OBJECTS.has(event) || HERO_HEALTH_EVENT_OBJECTS.get(event) === object;

export const heroHealthEnvelope: Envelope<HeroHealthEnvelope> = {
	is: (value): value is HeroHealthEnvelope =>
		isPlainRecord(value) &&
		isText(value.object) &&
		isTextOrNumber(value.id) &&
		isTextOrNumber(value.practice_group_id) &&
		isText(value.event) &&
		objectMatchesEvent({ event: value.event, object: value.object }),
	schema: z
		.object({ object: z.string(), id: stringOrNumberId(), practice_group_id: stringOrNumberId(), event: z.string() })
		.refine(objectMatchesEvent, { message: 'the object does not match the event', path: ['object'] }),
};

import type { HealthieRecord, RecordStore } from './practice';
import { instantOf, PROVIDER_ID } from './practice';

/**
 * Healthie's paged collection queries, as docs/vendors/healthie.md#collections describes them and
 * independently of node code: `users` (patients), `organizationMembers`, `appointmentTypes`,
 * `appointments` and `formAnswerGroups`, each either a Relay connection (`first`/`after` →
 * `{ edges, nodes, page_info, total_count }`) or, in the older schema form, a plain list
 * (`offset`/`page_size`/`should_paginate` with the defaults of the baseline schema).
 *
 * Documented: the arguments, their defaults in the baseline (users: page_size 10, should_paginate
 * true, LAST_NAME_ASC; organizationMembers: page_size 10; appointmentTypes: page_size 1000,
 * POSITION_ASC; appointments: filter "future", should_paginate false; formAnswerGroups: page_size
 * 10, should_paginate false, CREATED_AT_DESC), startDate needing endDate, `is_active` meaning "not
 * deleted and not Cancelled, Re-Scheduled or No-Show", `with_all_statuses` overriding it, and an
 * offset past the end giving an empty list.
 *
 * Inferred (Healthie does not say): how `keywords` matches (every word, case-insensitive, in a
 * patient's name, email, date of birth, record identifier or phone; in a member's name or email;
 * in a type's name; in an appointment's patient, provider, type or contact type); that without
 * `is_active`/`with_all_statuses` every non-deleted appointment counts; what "past", "ended" and
 * "didnt-occur" select; the order when none is asked for (appointments: date ascending); cursors
 * (base64 of the record id, refused when unknown); that `first` defaults to 100; and the error
 * words for a lone date or a bad cursor.
 */

export type CollectionForm = 'connection' | 'list';

type Args = Record<string, unknown>;

const INACTIVE_STATUSES = new Set(['Cancelled', 'Re-Scheduled', 'No-Show']);

const words = (keywords: unknown) =>
	typeof keywords === 'string'
		? keywords
				.toLowerCase()
				.split(/\s+/)
				.filter(Boolean)
		: [];

const matchesAll = (keywords: unknown, ...fields: unknown[]) => {
	const wanted = words(keywords);
	if (wanted.length === 0) return true;
	const haystack = fields
		.filter((field) => typeof field === 'string' || typeof field === 'number')
		.join(' ')
		.toLowerCase();
	return wanted.every((word) => haystack.includes(word));
};

const nameOf = (record: unknown) => String((record as { full_name?: unknown } | null | undefined)?.full_name ?? '');

/** Text in the order of a person's alphabet (Ångström with the A's), numbers as numbers. */
function byKey<T>(key: (item: T) => string | number, descending = false) {
	return (a: T, b: T) => {
		const [x, y] = [key(a), key(b)];
		const order = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, 'en') : x < y ? -1 : x > y ? 1 : 0;
		return descending ? -order : order;
	};
}

const cursorOf = (record: HealthieRecord) => Buffer.from(JSON.stringify({ k: [record.id] })).toString('base64');

function afterCursor(all: HealthieRecord[], cursor: unknown): number {
	if (cursor === undefined || cursor === null) return 0;
	let id: unknown;
	try {
		id = (JSON.parse(Buffer.from(String(cursor), 'base64').toString('utf8')) as { k?: unknown[] }).k?.[0];
	} catch {
		id = undefined;
	}
	const index = all.findIndex((record) => record.id === id);
	if (index < 0) throw new Error('Invalid cursor');
	return index + 1;
}

/** The page the arguments ask for, in the schema form of the request. */
function paged(all: HealthieRecord[], args: Args, form: CollectionForm, list: { pageSize: number; paginate: boolean; cap: number }) {
	if (form === 'list') {
		if (args.should_paginate === false || (args.should_paginate === undefined && !list.paginate)) return all;
		const offset = Math.max(0, Number(args.offset ?? 0));
		const size = Math.min(Number(args.page_size ?? list.pageSize), list.cap);
		return all.slice(offset, offset + size);
	}
	const start = afterCursor(all, args.after);
	const page = all.slice(start, start + Math.max(0, Number(args.first ?? 100)));
	return {
		edges: page.map((node) => ({ cursor: cursorOf(node), node })),
		nodes: page,
		page_info: {
			has_next_page: start + page.length < all.length,
			has_previous_page: start > 0,
			start_cursor: page[0] ? cursorOf(page[0]) : null,
			end_cursor: page.length > 0 ? cursorOf(page[page.length - 1]) : null,
		},
		total_count: all.length,
	};
}

const USER_ORDERS: Record<string, (a: HealthieRecord, b: HealthieRecord) => number> = {
	LAST_NAME_ASC: byKey((user) => `${String(user.last_name)} ${String(user.first_name)}`.toLowerCase()),
	LAST_NAME_DESC: byKey((user) => `${String(user.last_name)} ${String(user.first_name)}`.toLowerCase(), true),
	FIRST_NAME_ASC: byKey((user) => `${String(user.first_name)} ${String(user.last_name)}`.toLowerCase()),
	FIRST_NAME_DESC: byKey((user) => `${String(user.first_name)} ${String(user.last_name)}`.toLowerCase(), true),
	CREATED_AT_ASC: byKey((user) => Number(user.id)),
	CREATED_AT_DESC: byKey((user) => Number(user.id), true),
};

export class HealthieCollections {
	constructor(
		private readonly records: () => RecordStore,
		private readonly now: () => number,
		/** The largest `page_size` a list honours (Healthie's own limit is not published). */
		private readonly listPageSizeCap: () => number,
	) {}

	users(args: Args, form: CollectionForm) {
		const all = [...this.records().User.values()]
			.filter((user) => user._member !== true)
			.filter(() => args.show_all_by_default !== false || words(args.keywords).length > 0)
			.filter((user) => matchesAll(args.keywords, user.first_name, user.last_name, user.full_name, user.email, user.dob, user.record_identifier, user.phone_number))
			.filter((user) => args.provider_id === undefined || args.provider_id === null || user.dietitian_id === String(args.provider_id))
			.filter((user) => args.group_id === undefined || args.group_id === null || user.user_group_id === String(args.group_id))
			.filter((user) => (args.active_status === 'active' ? user.active !== false : args.active_status === 'archived' ? user.active === false : true))
			.sort(USER_ORDERS[String(args.order_by ?? 'LAST_NAME_ASC')] ?? USER_ORDERS.LAST_NAME_ASC);
		return paged(all, args, form, { pageSize: 10, paginate: true, cap: this.listPageSizeCap() });
	}

	organizationMembers(args: Args, form: CollectionForm) {
		const all = [...this.records().User.values()]
			.filter((user) => user._member === true)
			.filter((user) => matchesAll(args.keywords, user.first_name, user.last_name, user.full_name, user.email))
			.sort(USER_ORDERS[String(args.order_by ?? 'LAST_NAME_ASC')] ?? USER_ORDERS.LAST_NAME_ASC);
		return paged(all, args, form, { pageSize: 10, paginate: true, cap: this.listPageSizeCap() });
	}

	appointmentTypes(args: Args, form: CollectionForm) {
		const all = [...this.records().AppointmentType.values()]
			.filter((type) => matchesAll(args.keywords, type.name))
			.sort(byKey((type) => Number(type.position ?? 0), args.order_by === 'POSITION_DESC'));
		return paged(all, args, form, { pageSize: 1000, paginate: true, cap: this.listPageSizeCap() });
	}

	appointments(args: Args, form: CollectionForm) {
		const hasStart = args.startDate !== undefined && args.startDate !== null;
		const hasEnd = args.endDate !== undefined && args.endDate !== null;
		if (hasStart !== hasEnd) throw new Error('startDate and endDate must be sent together');
		const from = hasStart ? instantOf(args.startDate) : Number.NEGATIVE_INFINITY;
		const to = hasEnd ? instantOf(args.endDate) : Number.POSITIVE_INFINITY;
		if (Number.isNaN(from) || Number.isNaN(to)) throw new Error('startDate and endDate must be ISO 8601 date-times');
		const now = this.now();
		// The baseline's default is "future"; the 2026-01-01 reference names none (here: no time filter).
		const when = args.filter ?? (form === 'list' ? 'future' : undefined);
		const ownOnly = args.is_org !== true && args.provider_id == null && args.user_id == null;
		const all = [...this.records().Appointment.values()]
			.filter((appointment) => !appointment.deleted_at)
			.filter((appointment) => !ownOnly || (appointment.provider as HealthieRecord | null)?.id === PROVIDER_ID)
			.filter((appointment) => args.user_id == null || (appointment.user as HealthieRecord | null)?.id === String(args.user_id))
			.filter((appointment) => args.provider_id == null || (appointment.provider as HealthieRecord | null)?.id === String(args.provider_id))
			.filter(
				(appointment) =>
					args.filter_by_appointment_type_id == null ||
					(appointment.appointment_type as HealthieRecord | null)?.id === String(args.filter_by_appointment_type_id),
			)
			.filter((appointment) =>
				matchesAll(args.keywords, nameOf(appointment.user), nameOf(appointment.provider), (appointment.appointment_type as HealthieRecord | null)?.name, appointment.contact_type),
			)
			.filter((appointment) => {
				const start = instantOf(appointment.date);
				return start >= from && start <= to;
			})
			.filter((appointment) => {
				const start = instantOf(appointment.date);
				const end = start + Number(appointment.length ?? 0) * 60_000;
				if (when === 'future' || when === 'upcoming') return start >= now;
				if (when === 'past') return start < now;
				if (when === 'ended') return end < now;
				if (when === 'didnt-occur') return INACTIVE_STATUSES.has(String(appointment.pm_status));
				return true;
			})
			.filter((appointment) => args.with_all_statuses === true || args.is_active !== true || !INACTIVE_STATUSES.has(String(appointment.pm_status)))
			.sort(
				args.order_by === 'DATE_DESC'
					? byKey((appointment) => instantOf(appointment.date), true)
					: args.order_by === 'CREATED_AT_DESC'
						? byKey((appointment) => Number(appointment.id), true)
						: args.order_by === 'CREATED_AT_ASC'
							? byKey((appointment) => Number(appointment.id))
							: byKey((appointment) => instantOf(appointment.date)),
			);
		return paged(all, args, form, { pageSize: 10, paginate: false, cap: this.listPageSizeCap() });
	}

	formAnswerGroups(args: Args, form: CollectionForm) {
		const all = [...this.records().FormAnswerGroup.values()]
			.filter((group) => !group.deleted_at)
			.filter((group) => args.user_id == null || (group.user as HealthieRecord | null)?.id === String(args.user_id))
			.filter((group) => args.custom_module_form_id == null || (group.custom_module_form as HealthieRecord | null)?.id === String(args.custom_module_form_id))
			.sort(byKey((group) => instantOf(group.created_at), args.order_by !== 'CREATED_AT_ASC'));
		return paged(all, args, form, { pageSize: 10, paginate: false, cap: this.listPageSizeCap() });
	}
}

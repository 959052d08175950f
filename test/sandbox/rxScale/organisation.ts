/**
 * A tiny in-memory RxScale organisation for the simulation: orders and patients (the Management
 * API's shapes, docs/vendors/rxscale.md#orders-patients-and-prescriptions), and the records the webhook payloads
 * carry: pharmacy orders, and pharmacy SKUs and meetings, whose shapes are guesses
 * (docs/vendors/rxscale.md#other-payloads).
 */

export interface RxScaleOrder {
	uid: string;
	/** The shop's (Shopify's) order name, e.g. `#1001`: searched, not in the documented list view. */
	shop_order_name: string;
	status: string;
	overall_status: string;
	created_at: number;
	updated_at: number;
	shop_order: { uid: string; shop: { uid: string; identifier: string }; external_id: string };
	patient_profile: { uid: string; created_at: number; updated_at: number };
	items: Array<{ uid: string; quantity: number; sku_uid: string }>;
	prescriptions: Array<{ uid: string; status: string }>;
	/** `pharmacy_order_name` (e.g. `PO-2026-0001-1001`) is searched, as RxScale documents. */
	fulfillment_orders: Array<{ uid: string; pharmacy_order_uid: string; pharmacy_order_name: string }>;
}

export interface RxScalePatient {
	uid: string;
	data: { display_name: string; email: string; date_of_birth: string };
}

/** What the sandbox knows of a patient beyond the documented view: when the profile was made. */
export interface RxScalePatientRecord {
	patient: RxScalePatient;
	created_at: number;
}

/** `GET /prescriptions/{uid}` (docs/vendors/rxscale.md#orders-patients-and-prescriptions); `rendered` as the docs name it. */
export interface RxScalePrescription {
	uid: string;
	status: string;
	doctor: { uid: string; display_name: string };
	rendered: boolean;
}

export const ORDER_COUNT = 230;
const BASE_TIME = 1767225600; // 2026-01-01T00:00:00Z
const SHOPS = ['berlin-shop', 'hamburg-shop'];
const STATUSES = ['init', 'waiting for pharmacy', 'pending review', 'in-progress', 'ready_for_pickup', 'completed'];

export const SANDBOX_PATIENTS = [
	['Max Mustermann', 'max@example.org', '1980-04-12'],
	['Erika Musterfrau', 'erika@example.org', '1975-09-30'],
	['Lena Schmidt', 'lena@example.org', '1992-01-05'],
	['Jonas Weber', 'jonas@example.org', '1968-07-21'],
	['Mia Fischer', 'mia@example.org', '2001-11-02'],
	// A later profile with Erika's address (a relative ordering for her): the email search returns this one.
	['Paul Musterfrau', 'Erika@Example.org', '2012-03-14'],
] as const;

/** `pat-3001` … `pat-3006`, one a day from 2026-01-01; the orders belong to the first five. */
export function seedPatients(): Map<string, RxScalePatientRecord> {
	return new Map(
		SANDBOX_PATIENTS.map(([display_name, email, date_of_birth], index) => {
			const uid = `pat-${3001 + index}`;
			return [uid, { patient: { uid, data: { display_name, email, date_of_birth } }, created_at: BASE_TIME + index * 86_400 }];
		}),
	);
}

const DOCTORS = [
	{ uid: 'doc-1', display_name: 'Dr. Anna Berg' },
	{ uid: 'doc-2', display_name: 'Dr. Karl Roth' },
];

/** One prescription per order: `rx-9001` … */
export function seedPrescriptions(orders: Map<string, RxScaleOrder>): Map<string, RxScalePrescription> {
	const prescriptions = new Map<string, RxScalePrescription>();
	[...orders.values()].forEach((order, index) => {
		for (const { uid, status } of order.prescriptions) {
			prescriptions.set(uid, { uid, status, doctor: DOCTORS[index % DOCTORS.length], rendered: index % 3 !== 0 });
		}
	});
	return prescriptions;
}

/** `ord-2001` … with pharmacy order `po-1001` …, one every hour from 2026-01-01, alternating shops. */
export function seedOrders(): Map<string, RxScaleOrder> {
	const orders = new Map<string, RxScaleOrder>();
	for (let index = 0; index < ORDER_COUNT; index++) {
		const uid = `ord-${2001 + index}`;
		const created = BASE_TIME + index * 3600;
		const shop = SHOPS[index % SHOPS.length];
		orders.set(uid, {
			uid,
			shop_order_name: `#${1001 + index}`,
			status: STATUSES[index % STATUSES.length],
			overall_status: index % 6 === 5 ? 'completed' : 'open',
			created_at: created,
			updated_at: created + 1800,
			shop_order: { uid: `so-${5001 + index}`, shop: { uid: `shop-${shop}`, identifier: shop }, external_id: `EXT-${1001 + index}` },
			patient_profile: { uid: `pat-${3001 + (index % 5)}`, created_at: BASE_TIME, updated_at: BASE_TIME },
			items: [{ uid: `oi-${7001 + index}`, quantity: 1 + (index % 3), sku_uid: `sku-${index % 4}` }],
			prescriptions: [{ uid: `rx-${9001 + index}`, status: 'signed' }],
			fulfillment_orders: [
				{ uid: `fo-${8001 + index}`, pharmacy_order_uid: `po-${1001 + index}`, pharmacy_order_name: `PO-2026-${String(index + 1).padStart(4, '0')}-${1001 + index}` },
			],
		});
	}
	return orders;
}

const address = {
	first_name: 'Max',
	last_name: 'Mustermann',
	street: 'Hauptstr.',
	house_number: '1',
	zip_code: '10115',
	city: 'Berlin',
	country: 'Germany',
	additional_address: null,
};

/** The `data` of a pharmacy order event for the pharmacy order `uid` (`po-1001` …). */
export function pharmacyOrderData(uid: string, status: string, nowSeconds: number) {
	const index = Math.max(0, Number(uid.replace(/\D/g, '')) - 1001);
	return {
		uid,
		status,
		name: `#${1001 + index}`,
		data: {},
		external_status: 'OPEN',
		created_at: nowSeconds - 600,
		updated_at: nowSeconds,
		deleted_at: null,
		pharmacy: { uid: 'ph-xyz', display_name: 'City Pharmacy' },
		order: {
			uid: `ord-${2001 + index}`,
			delivery_address: address,
			invoice_address: address,
			shipping_costs_amount: 495,
			shipping_costs_currency: 'EUR',
			priority: 0,
		},
		delivery_type: { uid: 'dt-001', display_name: 'Standard Shipping', identifier: 'standard' },
		order_items: [
			{
				sku: { pzn: '01234567', product_uid: 'prod-1', product_display_name: 'Ibuprofen 400', product_handle: 'ibuprofen-400' },
				pharmacy_sku: { uid: 'psku-abc123', external_id: 'WAWI-1', price: 599, stock: 42 },
			},
		],
		patient_data: { uid: `pat-${3001 + (index % 5)}`, display_name: 'Max Mustermann', email: 'max@example.org', date_of_birth: '1980-04-12' },
	};
}

export function skuData(uid: string, nowSeconds: number) {
	return {
		uid,
		external_id: 'WAWI-1',
		price: 599,
		stock: 41,
		pharmacy: 'ph-xyz',
		sku: {
			uid: 'sku-0',
			display_name: 'Ibuprofen 400 mg, 20 tablets',
			pzn: '01234567',
			product_uid: 'prod-1',
			product_display_name: 'Ibuprofen 400',
			standard_selling_unit: 'pack',
			unit: 'piece',
			product_handle: 'ibuprofen-400',
			digital: false,
		},
		created_at: nowSeconds - 86400,
		updated_at: nowSeconds,
		deleted_at: null,
	};
}

export function meetingData(uid: string, nowSeconds: number) {
	return {
		uid,
		status: 'confirmed',
		doctor_uid: 'doc-1',
		doctor_display_name: 'Dr. Anna Berg',
		patient_uid: 'pat-3001',
		patient_display_name: 'Max Mustermann',
		appointment_type_uid: 'apt-1',
		appointment_type_name: 'Video consultation',
		meeting_type: 'video',
		start_time: nowSeconds + 3600,
		end_time: nowSeconds + 4500,
	};
}

export function reminderData(uid: string, nowSeconds: number) {
	return { uid, appointment_uid: 'mtg-abc123', patient_uid: 'pat-3001', due_at: nowSeconds };
}

/**
 * A scheduled appointment as `GET /scheduling/appointments` lists it (docs/vendors/rxscale.md#scheduled-appointments).
 * The documented fields, and `start_time` / `end_time` in Unix seconds: the names of the start and end
 * fields are not in the captured documentation (the sandbox's guess).
 */
export interface RxScaleAppointment {
	uid: string;
	status: string;
	doctor_uid: string;
	doctor_display_name: string;
	patient_uid: string;
	patient_display_name: string;
	appointment_type_uid: string | null;
	appointment_type_name: string | null;
	meeting_type: string;
	start_time: number;
	end_time: number;
}

export const APPOINTMENT_COUNT = 120;
export const APPOINTMENT_STATUSES = ['confirmed', 'held', 'completed', 'cancelled', 'no_show', 'expired'];
/** 2026-03-02T08:00:00Z, a Monday. */
const FIRST_APPOINTMENT = 1772438400;

/** `mtg-4001` …: eight 30-minute appointments a day from 2026-03-02 08:00 UTC, doctors and patients in turn. */
export function seedAppointments(patients: Map<string, RxScalePatientRecord>): RxScaleAppointment[] {
	const people = [...patients.values()].slice(0, 5);
	return Array.from({ length: APPOINTMENT_COUNT }, (_, index) => {
		const start = FIRST_APPOINTMENT + Math.floor(index / 8) * 86_400 + (index % 8) * 1800;
		const doctor = DOCTORS[index % DOCTORS.length];
		const patient = people[index % people.length].patient;
		const typed = index % 4 !== 3;
		return {
			uid: `mtg-${4001 + index}`,
			status: APPOINTMENT_STATUSES[index % APPOINTMENT_STATUSES.length],
			doctor_uid: doctor.uid,
			doctor_display_name: doctor.display_name,
			patient_uid: patient.uid,
			patient_display_name: patient.data.display_name,
			appointment_type_uid: typed ? 'apt-1' : null,
			appointment_type_name: typed ? 'Video consultation' : null,
			meeting_type: 'video',
			start_time: start,
			end_time: start + 1800,
		};
	});
}

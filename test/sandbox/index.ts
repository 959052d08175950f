import type { VendorSlug } from '../vendors';
import { VENDOR_KITS } from '../vendors';
import type { SimulationContext, VendorSimulation } from './server';
import { SandboxServer } from './server';

/**
 * Starts the vendor sandbox with one simulation per vendor kit (test/vendors/index.ts), each at
 * its slug: `/heroHealth/…`, `/healthie/…`, `/hearLink/…`, `/rxScale/…`, and its control routes at
 * `/_sandbox/<slug>/…`. A started sandbox holds each simulation under its slug (`sandbox.heroHealth`).
 */

type Kits = typeof VENDOR_KITS;
type Factory<K extends VendorSlug> = Kits[K]['simulation']['create'];

export type SandboxOptions = {
	port?: number;
	host?: string;
	/** PEM certificates to trust for https deliveries (e.g. a local n8n with a self-signed certificate). */
	trustedCertificates?: string[];
} & { [K in VendorSlug]?: Parameters<Factory<K>>[1] };

export type Sandbox = {
	server: SandboxServer;
	url: string;
	stop(): Promise<void>;
} & { readonly [K in VendorSlug]: ReturnType<Factory<K>> };

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const server = await SandboxServer.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	const simulations: Record<string, VendorSimulation> = {};
	for (const [slug, kit] of Object.entries(VENDOR_KITS)) {
		const create = kit.simulation.create as (context: SimulationContext, options?: unknown) => VendorSimulation;
		const simulation = create(server.context, options[slug as VendorSlug]);
		if (simulation.name !== slug) throw new Error(`The ${slug} kit's simulation is named "${simulation.name}": name it by its slug`);
		server.register(simulation);
		simulations[slug] = simulation;
	}
	for (const certificate of options.trustedCertificates ?? []) server.deliveries.trust(certificate);
	return { ...simulations, server, url: server.url, stop: async () => await server.stop() } as Sandbox;
}

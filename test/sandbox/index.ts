import type { HealthieSimulationOptions } from './healthie';
import { HealthieSimulation } from './healthie';
import type { HeroSimulationOptions } from './hero';
import { HeroHealthSimulation } from './hero';
import type { HearLinkSimulationOptions } from './hearlink';
import { HearLinkSimulation } from './hearlink';
import type { RxScaleSimulationOptions } from './rxscale';
import { RxScaleSimulation } from './rxscale';
import { SandboxServer } from './server';

/**
 * Starts the vendor sandbox with every vendor simulation. New vendors add their simulation here.
 */

export interface SandboxOptions {
	port?: number;
	host?: string;
	hero?: HeroSimulationOptions;
	healthie?: HealthieSimulationOptions;
	hearlink?: HearLinkSimulationOptions;
	rxscale?: RxScaleSimulationOptions;
	/** PEM certificates to trust for https deliveries (e.g. a local n8n with a self-signed certificate). */
	trustedCertificates?: string[];
}

export interface Sandbox {
	server: SandboxServer;
	url: string;
	hero: HeroHealthSimulation;
	healthie: HealthieSimulation;
	hearlink: HearLinkSimulation;
	rxscale: RxScaleSimulation;
	stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const server = await SandboxServer.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	const hero = new HeroHealthSimulation(server.context, options.hero);
	server.register(hero);
	const healthie = new HealthieSimulation(server.context, options.healthie);
	server.register(healthie);
	const hearlink = new HearLinkSimulation(server.context, options.hearlink);
	server.register(hearlink);
	const rxscale = new RxScaleSimulation(server.context, options.rxscale);
	server.register(rxscale);
	for (const certificate of options.trustedCertificates ?? []) server.deliveries.trust(certificate);
	return { server, url: server.url, hero, healthie, hearlink, rxscale, stop: async () => await server.stop() };
}

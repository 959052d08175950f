import type { HealthieSimulationOptions } from './healthie';
import { HealthieSimulation } from './healthie';
import type { HeroSimulationOptions } from './heroHealth';
import { HeroHealthSimulation } from './heroHealth';
import type { HearLinkSimulationOptions } from './hearLink';
import { HearLinkSimulation } from './hearLink';
import type { RxScaleSimulationOptions } from './rxScale';
import { RxScaleSimulation } from './rxScale';
import { SandboxServer } from './server';

/**
 * Starts the vendor sandbox with every vendor simulation. New vendors add their simulation here.
 */

export interface SandboxOptions {
	port?: number;
	host?: string;
	heroHealth?: HeroSimulationOptions;
	healthie?: HealthieSimulationOptions;
	hearLink?: HearLinkSimulationOptions;
	rxScale?: RxScaleSimulationOptions;
	/** PEM certificates to trust for https deliveries (e.g. a local n8n with a self-signed certificate). */
	trustedCertificates?: string[];
}

export interface Sandbox {
	server: SandboxServer;
	url: string;
	heroHealth: HeroHealthSimulation;
	healthie: HealthieSimulation;
	hearLink: HearLinkSimulation;
	rxScale: RxScaleSimulation;
	stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const server = await SandboxServer.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	const heroHealth = new HeroHealthSimulation(server.context, options.heroHealth);
	server.register(heroHealth);
	const healthie = new HealthieSimulation(server.context, options.healthie);
	server.register(healthie);
	const hearLink = new HearLinkSimulation(server.context, options.hearLink);
	server.register(hearLink);
	const rxScale = new RxScaleSimulation(server.context, options.rxScale);
	server.register(rxScale);
	for (const certificate of options.trustedCertificates ?? []) server.deliveries.trust(certificate);
	return { server, url: server.url, heroHealth, healthie, hearLink, rxScale, stop: async () => await server.stop() };
}

import type { Sandbox, SandboxOptions } from '../sandbox';
import { startSandbox } from '../sandbox';
import type { N8nOptions } from './n8n';
import { N8n } from './n8n';
import type { Provisioned } from './provision';
import { provisionedPaths, problems } from './provision';

/**
 * The vendor sandbox and a real n8n with the package, started together and stopped together
 * (also when the start fails half-way).
 */

export interface Stack {
	sandbox: Sandbox;
	n8n: N8n;
	stop(): Promise<void>;
}

export interface StackOptions extends Omit<N8nOptions, 'provisioned' | 'packageTarball'> {
	provisioned?: Provisioned;
	packageTarball?: string;
	sandbox?: SandboxOptions;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
	const provisioned = options.provisioned ?? provisionedFromGlobalSetup();
	const packageTarball = options.packageTarball ?? process.env.E2E_PACKAGE_TARBALL;
	if (!packageTarball) throw new Error('No package to install: run the e2e suite with `npm run test:e2e`.');

	const sandbox = await startSandbox(options.sandbox);
	let n8n: N8n;
	try {
		n8n = await N8n.start({ ...options, provisioned, packageTarball });
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
	return {
		sandbox,
		n8n,
		stop: async () => {
			await Promise.allSettled([n8n.stop(), sandbox.stop()]);
		},
	};
}

function provisionedFromGlobalSetup(): Provisioned {
	const broken = problems();
	if (broken.length > 0) {
		throw new Error(`The provisioned n8n is not usable (${broken.join('; ')}): run \`npm run test:e2e\`.`);
	}
	return provisionedPaths();
}

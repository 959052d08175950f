import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

/**
 * Every line n8n-core's contexts log (each context takes n8n's `Logger` from n8n's container when
 * it first logs), recorded while the capture runs: contexts created after `captureN8nLogs()` log
 * here. `stop()` puts n8n's logger back.
 */
export function captureN8nLogs(): { lines: string[]; stop(): void } {
	const original = Container.get(Logger);
	const lines: string[] = [];
	const record =
		(level: string) =>
		(message: string, meta?: unknown): void => {
			lines.push(`${level}: ${message}${meta === undefined ? '' : ` ${JSON.stringify(meta)}`}`);
		};
	const recording = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => recording,
	};
	Container.set(Logger, recording as unknown as Logger);
	return { lines, stop: () => Container.set(Logger, original) };
}

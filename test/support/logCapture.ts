import { ExecuteContext } from 'n8n-core';

/**
 * Every line our nodes log through n8n-core's execution contexts (`this.logger` in an
 * ExecuteContext, HookContext or WebhookContext).
 *
 * n8n-core's contexts get their logger from `Container.get(Logger)` of n8n-core's own copies of
 * `@n8n/di` and `@n8n/backend-common` (not the top-level ones a test would import), memoized per
 * context, and the Logger's levels below N8N_LOG_LEVEL are frozen no-ops that cannot be spied on.
 * So the contexts' shared `logger` getter is replaced, for every context created afterwards, with
 * one returning a logger that records all four levels; `restore()` puts n8n's getter back.
 */
export interface CapturedLogs {
	readonly lines: string[];
	clear(): void;
	restore(): void;
}

function loggerOwner(): object {
	let prototype: object | null = ExecuteContext.prototype;
	while (prototype && !Object.getOwnPropertyDescriptor(prototype, 'logger')) prototype = Object.getPrototypeOf(prototype) as object | null;
	if (!prototype) throw new Error('n8n-core contexts have no logger getter: the capture needs updating');
	return prototype;
}

export function captureN8nLogs(): CapturedLogs {
	const owner = loggerOwner();
	const original = Object.getOwnPropertyDescriptor(owner, 'logger')!;
	const lines: string[] = [];
	const record =
		(level: string) =>
		(message: unknown, metadata?: unknown): void => {
			lines.push(`${level}: ${String(message)}${metadata === undefined ? '' : ` ${safeJson(metadata)}`}`);
		};
	const recording = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
	Object.defineProperty(owner, 'logger', { configurable: true, enumerable: original.enumerable, get: () => recording });
	return {
		lines,
		clear: () => {
			lines.length = 0;
		},
		restore: () => Object.defineProperty(owner, 'logger', original),
	};
}

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

import type { IncomingMessage, ServerResponse } from 'node:http';

/** The small HTTP toolkit the vendor simulations share: routing, JSON in and out. */

export interface SandboxRequest {
	method: string;
	/** Path below the vendor prefix, e.g. `/v1/webhooks/12`. */
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	rawBody: Buffer;
	/** The parsed JSON body; `undefined` when the body is empty, `INVALID_JSON` when it does not parse. */
	body: unknown;
}

export const INVALID_JSON = Symbol('invalid JSON');

export interface SandboxResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type Handler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
	method: string;
	/** `/v1/webhooks/:id` style; `:name` matches one path segment. */
	pattern: string;
	handler: Handler;
}

export function json(status: number, body?: unknown, headers?: Record<string, string>): SandboxResponse {
	return { status, body, headers };
}

export class Router {
	private readonly routes: Array<{ method: string; regex: RegExp; names: string[]; handler: Handler }> = [];

	add(method: string, pattern: string, handler: Handler): this {
		const names: string[] = [];
		const source = pattern
			.split('/')
			.map((segment) => {
				if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				names.push(segment.slice(1));
				return '([^/]+)';
			})
			.join('/');
		this.routes.push({ method: method.toUpperCase(), regex: new RegExp(`^${source}/?$`), names, handler });
		return this;
	}

	/** The matching handler with its path parameters; `undefined` (404) or `'method'` (405). */
	match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'method' | undefined {
		let pathMatched = false;
		for (const route of this.routes) {
			const found = route.regex.exec(path);
			if (!found) continue;
			pathMatched = true;
			if (route.method !== method.toUpperCase()) continue;
			const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
			return { handler: route.handler, params };
		}
		return pathMatched ? 'method' : undefined;
	}
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export function parseJson(raw: Buffer): unknown {
	if (raw.length === 0) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return INVALID_JSON;
	}
}

export function send(response: ServerResponse, result: SandboxResponse): void {
	const headers: Record<string, string> = { ...result.headers };
	let payload: string | undefined;
	if (result.body !== undefined) {
		payload = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
		headers['content-type'] ??= typeof result.body === 'string' ? 'text/plain' : 'application/json';
	}
	response.writeHead(result.status, headers);
	response.end(payload);
}

/** A header's single value (first of a repeated one). */
export function header(request: SandboxRequest, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

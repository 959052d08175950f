import { connect } from 'node:net';

/**
 * One HTTP/1.1 POST written byte for byte on a plain socket. HTTP clients (undici, node:http)
 * refuse to send what a forger may send — header values with bytes outside Latin-1, 64 KB
 * headers — so the forged-delivery corpus goes through this instead: the header block is sent as
 * UTF-8 exactly as given, and the answer's status line is read back.
 */

export interface RawAnswer {
	/** The HTTP status, or 0 when the server closed the connection without answering. */
	status: number;
	body: string;
	/** Set when the connection failed (e.g. the server reset it after answering). */
	error?: string;
}

export async function rawPost(url: string, headers: Record<string, string>, body: Buffer, timeoutMs = 60_000): Promise<RawAnswer> {
	const target = new URL(url);
	const head = [
		`POST ${target.pathname}${target.search} HTTP/1.1`,
		`host: ${target.host}`,
		'connection: close',
		`content-length: ${body.length}`,
		...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
	].join('\r\n');

	return await new Promise<RawAnswer>((resolve) => {
		const chunks: Buffer[] = [];
		let settled = false;
		const socket = connect({ host: target.hostname, port: Number(target.port) });
		const finish = (error?: Error) => {
			if (settled) return;
			settled = true;
			socket.destroy();
			const text = Buffer.concat(chunks).toString('latin1');
			const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
			const separator = text.indexOf('\r\n\r\n');
			resolve({
				status: status ? Number(status[1]) : 0,
				body: separator >= 0 ? text.slice(separator + 4) : '',
				error: error?.message,
			});
		};
		socket.setTimeout(timeoutMs, () => finish(new Error(`no answer within ${timeoutMs} ms`)));
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('end', () => finish());
		socket.on('close', () => finish());
		// A server that refuses the request early (431 for a huge header) may reset the connection
		// while the rest is still being written: what it answered before that still counts.
		socket.on('error', (error) => finish(error));
		socket.on('connect', () => {
			// Not end(): a client that half-closes makes node's server abort the request it is handling.
			socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'utf8'), body]));
		});
	});
}

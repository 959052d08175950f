import { connect } from 'node:net';
import type { Socket } from 'node:net';

import { DeliveryReceiver } from '../../../scripts/vendorCheck/receiver';

/**
 * The check's receiver listens where anyone on the tunnel (or this machine) can reach it: it keeps
 * only POSTs to its own path, and a crowd of slow senders cannot make it hold more than a bounded
 * number of bodies at once.
 */

let receiver: DeliveryReceiver;
const sockets: Socket[] = [];

beforeEach(async () => {
	receiver = await DeliveryReceiver.listen(0, { acceptsPath: (path) => path === '/hook' });
});

afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.destroy();
	await receiver.close();
});

async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function post(path: string, body = '{"type":"x"}'): Promise<number> {
	const response = await fetch(`http://127.0.0.1:${receiver.port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	return response.status;
}

/** A POST whose body never finishes: the receiver is reading it until the socket closes. */
async function slowPost(): Promise<void> {
	const socket = connect(receiver.port, '127.0.0.1');
	sockets.push(socket);
	await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
	socket.write('POST /hook HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"slow":');
}

it('keeps a POST to its own path, and answers any other path without keeping it', async () => {
	expect(await post('/wp-login.php')).toBe(200);
	expect(await post('/hook/')).toBe(200);
	expect(receiver.deliveries.map((delivery) => delivery.path)).toEqual(['/hook/']);
	expect(receiver.ignored).toBe(1);
});

it('reads at most 8 bodies at once: the 9th sender is told to come back later', async () => {
	for (let index = 0; index < 8; index++) await slowPost();
	await until(() => receiver.readingNow === 8);
	expect(await post('/hook')).toBe(429);
	for (const socket of sockets.splice(0)) socket.destroy();
	await until(() => receiver.readingNow === 0);
	expect(await post('/hook')).toBe(200);
});

it('a sender that drops its connection half-way leaves the receiver answering the next', async () => {
	await slowPost();
	await until(() => receiver.readingNow === 1);
	for (const socket of sockets.splice(0)) socket.destroy();
	await until(() => receiver.readingNow === 0);
	expect(await post('/hook')).toBe(200);
	expect(receiver.deliveries).toHaveLength(1);
});

import type { INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { EnvironmentUrls } from '../../../nodes/shared/environment';
import { baseUrlExpression, environmentProperties, resolveBaseUrl } from '../../../nodes/shared/environment';

const urls: EnvironmentUrls = {
	production: { name: 'Production', url: 'https://api.acme.test' },
	staging: { name: 'Staging', url: 'https://staging.acme.test/' },
};

/** Evaluates the expression with n8n's own expression engine, as the credential Test button does. */
function evaluate(expression: string, credentials: Record<string, unknown>): unknown {
	const node: INode = { id: '1', name: 'N', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never,
	});
	return workflow.expression.getParameterValue(expression, null, 0, 0, 'N', [], 'internal', {
		$credentials: credentials,
	} as never);
}

describe('environment', () => {
	it.each([
		[{ environment: 'production' }, 'https://api.acme.test'],
		[{ environment: 'staging' }, 'https://staging.acme.test'],
		[{ environment: 'custom', baseUrl: 'http://127.0.0.1:8787/acme/' }, 'http://127.0.0.1:8787/acme'],
		[{ environment: 'custom' }, ''],
	])('the credential test expression and the nodes agree for %j', (credentials, expected) => {
		expect(evaluate(baseUrlExpression(urls), credentials)).toBe(expected);
		expect(resolveBaseUrl(credentials, urls)).toBe(expected);
	});

	it('offers every environment plus Custom, and shows the base URL only for Custom', () => {
		const [environment, baseUrl] = environmentProperties(urls, 'production', { placeholder: 'p', description: 'd' });
		expect(environment.options?.map((option) => (option as { value: string }).value)).toEqual([
			'production',
			'staging',
			'custom',
		]);
		expect(environment.default).toBe('production');
		expect(baseUrl.displayOptions).toEqual({ show: { environment: ['custom'] } });
	});
});

import type { SandboxRequest, SandboxResponse } from '../http';
import { json } from '../http';
import { badRequest } from './issues';

/**
 * Hero's list answer `{ data, count }` with `page_index` / `page_size` (docs/vendors/hero-health.md#page-index-base). Hero
 * leaves open whether pages count from 0 or 1: the sandbox counts from `base` (0 unless a test
 * says otherwise; with 1, index 0 is read as page 1). `count` is the total. Without `page_size`
 * a page holds `defaultSize` items (so a client that never pages is caught), or all of them.
 */
export function paginate<T>(
	request: SandboxRequest,
	items: T[],
	options: { base: 0 | 1; defaultSize?: number },
): SandboxResponse {
	const sizeParam = request.query.get('page_size');
	const indexParam = request.query.get('page_index');
	const issues = [];
	if (sizeParam !== null && !/^[1-9]\d*$/.test(sizeParam)) issues.push({ code: 'invalid_type', expected: 'positive integer', path: ['page_size'] });
	if (indexParam !== null && !/^\d+$/.test(indexParam)) issues.push({ code: 'invalid_type', expected: 'integer', path: ['page_index'] });
	if (issues.length > 0) return badRequest(issues);

	const size = sizeParam !== null ? Number(sizeParam) : (options.defaultSize ?? items.length);
	const index = Math.max(0, Number(indexParam ?? options.base) - options.base);
	return json(200, { data: items.slice(index * size, (index + 1) * size), count: items.length });
}

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { VENDOR_CHECKS } from '../../../scripts/vendorCheck/cli';

/**
 * The vendor check asks exactly the facts the vendor's page lists under "Inferred facts" (one `###`
 * heading each), in the page's order, and each fact's **Vendor check** line says how it is checked,
 * as the check's own catalogue does (docs/VENDOR-CHECK.md#how-each-fact-is-checked).
 */

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

function inferredSection(page: string): string {
	const text = readFileSync(join(REPO_ROOT, 'docs', 'vendors', `${page}.md`), 'utf8');
	const start = text.indexOf('## Inferred facts (open questions)');
	if (start < 0) throw new Error(`docs/vendors/${page}.md has no "Inferred facts (open questions)" section`);
	const rest = text.slice(start + 1);
	const end = rest.search(/^## /m);
	return end < 0 ? rest : rest.slice(0, end);
}

/** `###` heading → the lines under it. */
function factsOf(section: string): Map<string, string> {
	const facts = new Map<string, string>();
	for (const part of section.split(/^### /m).slice(1)) {
		const [heading, ...body] = part.split('\n');
		facts.set(heading.trim(), body.join('\n'));
	}
	return facts;
}

describe.each(VENDOR_CHECKS.map((vendor) => [vendor.binding.name, vendor] as const))('%s', (_name, vendor) => {
	const section = inferredSection(vendor.docsPage);
	const documented = factsOf(section);

	it('checks every inferred fact of its page, and no other, in the page’s order', () => {
		expect(Object.keys(vendor.catalogue)).toEqual([...documented.keys()]);
	});

	it('links the section to the vendor check and the command', () => {
		expect(section).toContain('](../VENDOR-CHECK.md)');
		expect(section).toContain(`npm run vendor:check -- ${vendor.slug}`);
	});

	it.each(Object.entries(vendor.catalogue))('%s: the page’s Vendor check line says how it is checked', (id, spec) => {
		const line = (documented.get(id) ?? '').split('\n').find((text) => text.startsWith('- **[Vendor check](../VENDOR-CHECK.md#how-each-fact-is-checked)**'));
		expect(line).toBeDefined();
		if (id === 'rate-limits') {
			expect(line).toMatch(/429/);
			return;
		}
		expect(/an API call/.test(line!)).toBe(spec.checkedBy.includes('api'));
		expect(/the check's receiver/.test(line!)).toBe(spec.checkedBy.includes('delivery'));
		expect(/diagnostics line/.test(line!)).toBe(spec.checkedBy.includes('diagnostics'));
		expect(/could not tell/.test(line!)).toBe(spec.checkedBy.length === 0);
	});

	it('says for each fact what it assumes and why it may not tell', () => {
		for (const spec of Object.values(vendor.catalogue)) {
			expect(spec.assumed.length).toBeGreaterThan(10);
			expect(spec.otherwise.length).toBeGreaterThan(10);
		}
	});
});

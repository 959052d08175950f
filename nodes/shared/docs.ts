/** The node pages in the repository's `docs/nodes/`, linked from setup notices and error descriptions. */
export const DOCS_BASE_URL = 'https://github.com/n8n-nodes-health-practice/n8n-nodes-health-practice/blob/main/docs/nodes';

/** A node page's address, e.g. `nodePageUrl('hero-health', 'inferred-endpoints')`. */
export function nodePageUrl(page: string, anchor?: string): string {
	return `${DOCS_BASE_URL}/${page}.md${anchor ? `#${anchor}` : ''}`;
}

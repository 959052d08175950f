import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The docs work from a clean clone: every relative link and image in README.md and docs/**\/*.md
 * points at a file or folder of the repository, every `#anchor` into a Markdown file names one of
 * its headings (GitHub's slugs), every `npm run <script>` names a script of package.json, the
 * README stays a short front page, and no doc cites a file outside the repository.
 */

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const README_LIMIT_BYTES = 12 * 1024;

/** Citations of research notes that are not in the repository. */
const FORBIDDEN: Array<[RegExp, string]> = [
	[/shared\/vendors/, 'a path outside the repository (shared/vendors)'],
	[/shared\/seeds/, 'a path outside the repository (shared/seeds)'],
	[/§/, 'a section sign (a section of a file outside the repository)'],
	[/\bopen question\s*#?\d+/i, '"open question <n>" (a numbered question outside the repository)'],
	[/\bissue\s*#?\d+/i, '"issue <n>" (an issue outside the repository)'],
];

function markdownFiles(): string[] {
	const files = [join(REPO_ROOT, 'README.md')];
	const walk = (folder: string) => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.isFile() && entry.name.endsWith('.md')) files.push(path);
		}
	};
	walk(join(REPO_ROOT, 'docs'));
	return files.sort();
}

/** The lines of a Markdown text with fenced code blocks blanked out (line numbers are kept). */
function withoutFencedCode(text: string): string[] {
	let fence: string | undefined;
	return text.split('\n').map((line) => {
		const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
		if (fence === undefined && marker) {
			fence = marker;
			return '';
		}
		if (fence !== undefined) {
			if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
			return '';
		}
		return line;
	});
}

/** A line without its inline code spans, so that code is never taken for a link. */
function withoutInlineCode(line: string): string {
	return line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
}

interface Link {
	line: number;
	target: string;
}

function linksOf(text: string): Link[] {
	const links: Link[] = [];
	withoutFencedCode(text).forEach((raw, index) => {
		const line = withoutInlineCode(raw);
		const add = (target: string) => links.push({ line: index + 1, target: target.trim() });
		// [text](target "title") and ![alt](target), the target optionally in <…>
		for (const match of line.matchAll(/!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
			add(match[1].replace(/^<|>$/g, ''));
		}
		// [label]: target
		const definition = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(line);
		if (definition) add(definition[1].replace(/^<|>$/g, ''));
		// <img src="…"> and <a href="…">
		for (const match of line.matchAll(/<(?:img|a)\b[^>]*?\b(?:src|href)\s*=\s*"([^"]*)"/gi)) add(match[1]);
	});
	return links;
}

/** GitHub's heading anchor: lower case, punctuation dropped (except `-` and `_`), spaces → `-`. */
export function githubSlug(heading: string): string {
	const text = heading
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.replace(/`/g, '');
	return text
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

const anchorCache = new Map<string, Set<string>>();

function anchorsOf(file: string): Set<string> {
	const cached = anchorCache.get(file);
	if (cached) return cached;
	const anchors = new Set<string>();
	const counts = new Map<string, number>();
	for (const line of withoutFencedCode(readFileSync(file, 'utf8'))) {
		const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
		if (heading) {
			const slug = githubSlug(heading[1]);
			const seen = counts.get(slug) ?? 0;
			counts.set(slug, seen + 1);
			anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
		}
		for (const match of line.matchAll(/<a\b[^>]*?\b(?:id|name)\s*=\s*"([^"]+)"/gi)) anchors.add(match[1]);
	}
	anchorCache.set(file, anchors);
	return anchors;
}

/** What is wrong with one link of `file`, or undefined when it works. */
function problemWith(file: string, target: string): string | undefined {
	if (target === '') return 'an empty link';
	if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return undefined; // https:, mailto: …
	const hashAt = target.indexOf('#');
	const pathPart = hashAt === -1 ? target : target.slice(0, hashAt);
	const anchor = hashAt === -1 ? undefined : target.slice(hashAt + 1);

	let decoded: string;
	try {
		decoded = decodeURIComponent(pathPart.split('?')[0]);
	} catch {
		return `"${target}" is not a valid URL`;
	}
	const resolved = decoded === '' ? file : decoded.startsWith('/') ? join(REPO_ROOT, decoded) : resolve(dirname(file), decoded);
	const inRepo = relative(REPO_ROOT, resolved);
	if (inRepo.startsWith('..') || inRepo.split(sep).includes('..')) return `"${target}" leaves the repository`;
	if (!existsSync(resolved)) return `"${target}" points at ${inRepo}, which does not exist`;

	if (anchor === undefined || anchor === '') return undefined;
	if (!resolved.endsWith('.md') || !statSync(resolved).isFile()) return undefined;
	const wanted = decodeURIComponent(anchor);
	if (!anchorsOf(resolved).has(wanted)) return `"${target}": ${inRepo} has no heading with the anchor #${wanted}`;
	return undefined;
}

const files = markdownFiles();
const scripts = Object.keys(
	(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {},
);
const name = (file: string) => relative(REPO_ROOT, file);

describe('docs', () => {
	it('include the README and the pages in docs/', () => {
		expect(files.map(name)).toEqual(expect.arrayContaining(['README.md', join('docs', 'SECURITY.md')]));
	});

	it.each(files.map((file) => [name(file), file]))('%s: every relative link and image resolves', (_label, file) => {
		const problems = linksOf(readFileSync(file, 'utf8')).flatMap(({ line, target }) => {
			const problem = problemWith(file, target);
			return problem ? [`line ${line}: ${problem}`] : [];
		});
		expect(problems).toEqual([]);
	});

	it.each(files.map((file) => [name(file), file]))('%s: cites nothing outside the repository', (_label, file) => {
		const problems = readFileSync(file, 'utf8')
			.split('\n')
			.flatMap((line, index) =>
				FORBIDDEN.filter(([pattern]) => pattern.test(line)).map(([, what]) => `line ${index + 1}: ${what}`),
			);
		expect(problems).toEqual([]);
	});

	it.each(files.map((file) => [name(file), file]))('%s: every "npm run" names a script of package.json', (_label, file) => {
		const problems = [...readFileSync(file, 'utf8').matchAll(/\bnpm run ([\w:.-]+)/g)]
			.map((match) => match[1])
			.filter((script) => !scripts.includes(script))
			.map((script) => `npm run ${script}: no such script`);
		expect(problems).toEqual([]);
	});

	it(`README.md is at most ${README_LIMIT_BYTES} bytes`, () => {
		expect(statSync(join(REPO_ROOT, 'README.md')).size).toBeLessThanOrEqual(README_LIMIT_BYTES);
	});

	it('slugs headings as GitHub does', () => {
		expect(githubSlug('Credential (`Hero Health API`)')).toBe('credential-hero-health-api');
		expect(githubSlug("Setting it up in HearLink's portal")).toBe('setting-it-up-in-hearlinks-portal');
		expect(githubSlug('Inferred facts (open questions)')).toBe('inferred-facts-open-questions');
		expect(githubSlug('Build, lint and package')).toBe('build-lint-and-package');
		expect(githubSlug('[TESTING](TESTING.md) and `npm start`')).toBe('testing-and-npm-start');
	});
});

describe('code comments', () => {
	/** A research note cited by name (`healthie.md §3.3`), rather than the repository's docs/ pages. */
	const RESEARCH_NOTE = /(?<![/\w-])(hero-health|healthie|hearlink|rxscale|n8n)\.md\b/;

	function sourceFiles(): string[] {
		const files: string[] = [];
		const walk = (folder: string) => {
			for (const entry of readdirSync(folder, { withFileTypes: true })) {
				const path = join(folder, entry.name);
				if (entry.isDirectory()) walk(path);
				else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(path);
			}
		};
		for (const folder of ['nodes', 'credentials', 'test', 'scripts']) walk(join(REPO_ROOT, folder));
		return files.filter((file) => !file.endsWith(join('docs', 'links.test.ts')));
	}

	it('cite the repository’s own docs, never a file outside it', () => {
		const offending: string[] = [];
		for (const file of sourceFiles()) {
			readFileSync(file, 'utf8')
				.split('\n')
				.forEach((line, index) => {
					const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(line));
					if (forbidden || RESEARCH_NOTE.test(line)) offending.push(`${relative(REPO_ROOT, file)}:${index + 1}: ${line.trim().slice(0, 100)}`);
				});
		}
		expect(offending).toEqual([]);
	});
});

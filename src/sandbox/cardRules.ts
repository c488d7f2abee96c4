/**
 * The emulator's card check: the rules of cards.md that the platform enforces on send, reply and patch.
 * Returns a problem description, or undefined for a valid card.
 */
const KNOWN_TAGS = new Set([
  'markdown', 'hr', 'table', 'column_set', 'column', 'button', 'collapsible_panel', 'chart', 'person_list',
  'form', 'input', 'div', 'img', 'select_static', 'plain_text', 'note',
]);
const ROOT_ONLY = new Set(['table', 'form']);
const MAX_BYTES = 30 * 1024;

function walk(elements: unknown, depth: number, root: boolean, counts: { elements: number; tables: number }): string | undefined {
  if (!Array.isArray(elements)) return 'elements must be an array';
  for (const el of elements) {
    if (!el || typeof el !== 'object') return 'an element is not an object';
    const e = el as Record<string, unknown>;
    const tag = e.tag;
    if (typeof tag !== 'string' || !KNOWN_TAGS.has(tag)) return `unknown tag ${String(tag)}`;
    if (tag === 'action') return 'the action module does not exist in card 2.0';
    if (ROOT_ONLY.has(tag) && !root) return `${tag} must be at the root of body.elements`;
    counts.elements++;
    if (tag === 'table') {
      counts.tables++;
      const ps = e.page_size;
      if (ps !== undefined && (typeof ps !== 'number' || ps < 1 || ps > 10)) return 'table page_size must be 1-10';
      if (!Array.isArray(e.columns) || e.columns.length > 50) return 'table needs 1-50 columns';
      if (!Array.isArray(e.rows)) return 'table rows must be an array';
    }
    if (tag === 'button') {
      const behaviors = e.behaviors;
      if (behaviors !== undefined && !Array.isArray(behaviors)) return 'button behaviors must be an array';
    }
    if (depth > 5) return 'containers nest at most 5 levels';
    if (e.elements !== undefined) {
      const problem = walk(e.elements, depth + 1, false, counts);
      if (problem) return problem;
    }
    if (tag === 'column_set') {
      if (!Array.isArray(e.columns)) return 'column_set needs columns';
      for (const col of e.columns as Array<Record<string, unknown>>) {
        if (col.tag !== 'column') return 'column_set columns must be column elements';
        const problem = walk(col.elements ?? [], depth + 1, false, counts);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

export function cardProblem(content: string): { code: number; msg: string } | undefined {
  if (Buffer.byteLength(content, 'utf8') > MAX_BYTES) return { code: 230025, msg: 'The message content is too long (card limit 30 KB)' };
  let card: Record<string, unknown>;
  try {
    card = JSON.parse(content) as Record<string, unknown>;
  } catch {
    return { code: 230099, msg: 'Failed to create card content: content is not JSON' };
  }
  if (card.schema !== '2.0') return { code: 230099, msg: 'Failed to create card content: schema must be 2.0' };
  const config = card.config as Record<string, unknown> | undefined;
  if (config && config.update_multi === false) return { code: 230099, msg: 'update_multi must be true in card 2.0' };
  const body = card.body as Record<string, unknown> | undefined;
  if (!body) return { code: 230099, msg: 'Failed to create card content: body missing' };
  const counts = { elements: 0, tables: 0 };
  const problem = walk(body.elements, 1, true, counts);
  if (problem) return { code: 230099, msg: `Failed to create card content: ${problem}` };
  if (counts.tables > 5) return { code: 230099, msg: 'Failed to create card content: at most 5 tables' };
  if (counts.elements > 200) return { code: 230099, msg: 'Failed to create card content: at most 200 elements' };
  return undefined;
}

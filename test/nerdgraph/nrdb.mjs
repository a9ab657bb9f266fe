/**
 * A small NRDB for the NerdGraph stand-in: parses the NRQL subset mesh-cost sends
 * (SELECT aggregates FROM type WHERE … FACET … SINCE ms UNTIL ms LIMIT MAX) and
 * evaluates it over in-memory events, with NRQL's facet limit and otherResult.
 * Plain JavaScript so that `npm run nerdgraph-stub` runs it without a build.
 */

const KEYWORDS = new Set(['SELECT', 'FROM', 'WHERE', 'FACET', 'SINCE', 'UNTIL', 'LIMIT', 'AS', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'LIKE']);

export class NrqlError extends Error {}

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let s = '';
      i++;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\') i++;
        s += text[i++];
      }
      if (text[i] !== "'") throw new NrqlError('NRQL Syntax Error: unterminated string');
      i++;
      tokens.push({ t: 'str', v: s });
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) throw new NrqlError('NRQL Syntax Error: unterminated backtick');
      tokens.push({ t: 'id', v: text.slice(i + 1, end) });
      i = end + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(text.slice(i));
      tokens.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
      const up = m[0].toUpperCase();
      tokens.push(KEYWORDS.has(up) ? { t: 'kw', v: up } : { t: 'id', v: m[0] });
      i += m[0].length;
    } else if (text.startsWith('!=', i)) {
      tokens.push({ t: 'op', v: '!=' });
      i += 2;
    } else if ('(),*='.includes(c)) {
      tokens.push({ t: 'op', v: c });
      i++;
    } else {
      throw new NrqlError(`NRQL Syntax Error: unexpected "${c}"`);
    }
  }
  return tokens;
}

class Parser {
  constructor(text) {
    this.tokens = tokenize(text);
    this.i = 0;
  }
  peek(v) {
    const t = this.tokens[this.i];
    return t && (v === undefined || t.v === v) ? t : undefined;
  }
  take(v) {
    const t = this.tokens[this.i];
    if (!t || (v !== undefined && t.v !== v)) throw new NrqlError(`NRQL Syntax Error: expected ${v ?? 'more'}, found ${t ? t.v : 'the end'}`);
    this.i++;
    return t;
  }
  maybe(v) {
    return this.peek(v) ? this.take(v) : undefined;
  }

  query() {
    this.take('SELECT');
    const select = [this.item()];
    while (this.maybe(',')) select.push(this.item());
    this.take('FROM');
    const from = this.take().v;
    let where = () => true;
    if (this.maybe('WHERE')) where = this.or();
    const facet = [];
    if (this.maybe('FACET')) {
      facet.push(this.take().v);
      while (this.maybe(',')) facet.push(this.take().v);
    }
    this.take('SINCE');
    const since = this.take().v;
    this.take('UNTIL');
    const until = this.take().v;
    let limit = 10;
    if (this.maybe('LIMIT')) {
      const n = this.take().v;
      limit = String(n).toUpperCase() === 'MAX' ? Infinity : n;
    }
    if (this.peek()) throw new NrqlError(`NRQL Syntax Error: unexpected ${this.peek().v}`);
    return { select, from, where, facet, since, until, limit };
  }

  item() {
    const fn = this.take().v;
    this.take('(');
    const args = [];
    while (!this.peek(')')) {
      args.push(this.take().v);
      this.maybe(',');
    }
    this.take(')');
    const alias = this.maybe('AS') ? this.take().v : `${fn}.${args[0]}`;
    return { fn, args, alias };
  }

  or() {
    let left = this.and();
    while (this.maybe('OR')) {
      const a = left;
      const b = this.and();
      left = (e) => a(e) || b(e);
    }
    return left;
  }
  /** An AND chain remembers its `name = 'value'` parts (`equals`), so runNrql can use an index. */
  and() {
    const parts = [this.not()];
    while (this.maybe('AND')) parts.push(this.not());
    if (parts.length === 1) return parts[0];
    const all = (e) => parts.every((p) => p(e));
    all.equals = parts.flatMap((p) => p.equals ?? []);
    return all;
  }
  not() {
    if (this.maybe('NOT')) {
      const inner = this.not();
      return (e) => !inner(e);
    }
    if (this.maybe('(')) {
      const inner = this.or();
      this.take(')');
      return inner;
    }
    const name = this.take().v;
    const get = (e) => e[name] ?? null;
    if (this.maybe('=')) {
      const v = this.take().v;
      const test = (e) => get(e) === v;
      test.equals = [{ name, value: v }];
      return test;
    }
    if (this.maybe('!=')) {
      const v = this.take().v;
      return (e) => get(e) !== null && get(e) !== v;
    }
    if (this.maybe('IS')) {
      const negate = Boolean(this.maybe('NOT'));
      this.take('NULL');
      return (e) => (get(e) === null) !== negate;
    }
    const negate = Boolean(this.maybe('NOT'));
    if (this.maybe('IN')) {
      this.take('(');
      const values = new Set([this.take().v]);
      while (this.maybe(',')) values.add(this.take().v);
      this.take(')');
      return (e) => get(e) !== null && values.has(get(e)) !== negate;
    }
    this.take('LIKE');
    const pattern = new RegExp(`^${this.take().v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`);
    return (e) => get(e) !== null && pattern.test(String(get(e))) !== negate;
  }
}

export function parseNrql(text) {
  return new Parser(text).query();
}

function aggregate(item, events) {
  const [attr] = item.args;
  const values = () => events.map((e) => e[attr]).filter((v) => v !== undefined && v !== null);
  switch (item.fn) {
    case 'count':
      return events.length;
    case 'sum':
      return values().reduce((s, v) => s + v, 0);
    case 'average': {
      const v = values();
      return v.length === 0 ? null : v.reduce((s, x) => s + x, 0) / v.length;
    }
    case 'max': {
      const v = values();
      return v.length === 0 ? null : v.reduce((m, x) => (x > m ? x : m));
    }
    case 'min': {
      const v = values();
      return v.length === 0 ? null : v.reduce((m, x) => (x < m ? x : m));
    }
    case 'latest': {
      let best = null;
      for (const e of events) if (e[attr] !== undefined && e[attr] !== null && (best === null || e.timestamp >= best.timestamp)) best = e;
      return best === null ? null : best[attr];
    }
    default:
      throw new NrqlError(`NRQL Syntax Error: unknown function ${item.fn}`);
  }
}

const indexes = new WeakMap();

/** The events an equality condition can match, from an index built on first use (the 12,000-pod test asks hundreds of narrow queries). */
function candidates(list, equals) {
  let byAttribute = indexes.get(list);
  if (!byAttribute) indexes.set(list, (byAttribute = new Map()));
  let best = list;
  for (const { name, value } of equals) {
    let index = byAttribute.get(name);
    if (!index) {
      index = new Map();
      for (const e of list) {
        const bucket = index.get(e[name]);
        if (bucket) bucket.push(e);
        else index.set(e[name], [e]);
      }
      byAttribute.set(name, index);
    }
    const bucket = index.get(value) ?? [];
    if (bucket.length < best.length) best = bucket;
  }
  return best;
}

/**
 * Runs one query. `facetLimit` is NRQL's LIMIT MAX (5,000); a smaller one makes the
 * stand-in cut results early, to exercise otherResult.
 */
export function runNrql(text, events, { facetLimit = 5000 } = {}) {
  const q = parseNrql(text);
  const inWindow = candidates(events[q.from] ?? [], q.where.equals ?? []).filter((e) => e.timestamp >= q.since && e.timestamp < q.until && q.where(e));
  const row = (group) => Object.fromEntries(q.select.map((item) => [item.alias, aggregate(item, group)]));
  if (q.facet.length === 0) return { results: [row(inWindow)], otherResult: null, facets: [] };

  const groups = new Map();
  for (const e of inWindow) {
    const values = q.facet.map((f) => e[f] ?? null);
    if (values.some((v) => v === null)) continue;
    const key = JSON.stringify(values);
    const g = groups.get(key);
    if (g) g.events.push(e);
    else groups.set(key, { values, events: [e] });
  }
  const rows = [...groups.values()].map((g) => ({ g, r: row(g.events) }));
  // NRQL orders facets by the first aggregate, largest first
  const first = q.select[0].alias;
  rows.sort((a, b) => (typeof a.r[first] === 'number' && typeof b.r[first] === 'number' ? b.r[first] - a.r[first] : 0) || (a.g.values.join() < b.g.values.join() ? -1 : 1));
  const limit = Math.min(q.limit, facetLimit);
  const kept = rows.slice(0, limit);
  const rest = rows.slice(limit);
  return {
    results: kept.map(({ g, r }) => ({
      facet: g.values.length === 1 ? g.values[0] : g.values,
      ...Object.fromEntries(q.facet.map((f, i) => [f, g.values[i]])),
      ...r,
    })),
    otherResult: rest.length > 0 ? row(rest.flatMap(({ g }) => g.events)) : null,
    facets: q.facet,
  };
}

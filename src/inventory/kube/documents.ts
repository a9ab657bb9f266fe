/**
 * Streams the Kubernetes objects out of kubectl's JSON: each item of a List (or
 * NodeList, PodList, …) or a single object, one at a time, so a 100,000-pod List of
 * hundreds of MB never sits in memory. stream-json's tokenizer is driven directly
 * (no object-mode streams between stages: that is 4-5× slower on large Lists) and
 * only one item is assembled at a time. Several documents may follow one another
 * (`kubectl get nodes -o json; kubectl get pods -A -o json`). What kubectl and the API
 * server really print is accepted: `"items": null` (an empty namespace in `kubectl
 * cluster-info dump --output-directory`), keys in any order (`jq -S` puts `kind` after
 * `items`), items without `kind` inside a typed list (`PodList`). Two outputs that are
 * not a cluster's objects get a line of their own: the stdout of `kubectl cluster-info
 * dump` (JSON documents, then the containers' logs) and kubectl's own error text.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import Assembler from 'stream-json/core/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { InputError, type Location } from '../../errors.js';
import { describeFsError, isSystemError } from '../../fsErrors.js';
import { inputName, STDIN } from '../csv/table.js';
import type { KubeObject } from './objects.js';

export const PRODUCE = 'kubectl get nodes,pods -A -o json';

/** Where an object came from: the input and, inside a List, its index. */
export interface Place {
  file: string;
  /** `items[17]`, or undefined for a single-object document */
  item?: string;
}

/** `items[17] (Pod shop/cart-7d4b9-x2x5q)`, to put after the file name in a message. */
export function describeObject(place: Place, obj: KubeObject): string {
  const name = [obj.metadata?.namespace, obj.metadata?.name].filter(Boolean).join('/');
  const what = `${obj.kind ?? 'object'}${name ? ` ${name}` : ''}`;
  return place.item ? `${place.item} (${what})` : what;
}

export type OnObject = (obj: KubeObject, place: Place) => void;

/** Reads one input (a path, or `-` for stdin) and hands every object to `onObject`. */
export async function readObjects(input: string, onObject: OnObject): Promise<void> {
  if (input === STDIN) return readStream(process.stdin, inputName(input), onObject);
  const stream = createReadStream(input, { highWaterMark: 1 << 16 });
  try {
    await readStream(stream, input, onObject, input);
  } finally {
    stream.destroy();
  }
}

/**
 * Reads a stream of kubectl JSON named `file` in messages. `path`, when the stream is a
 * file, lets a syntax error be located by reading the file a second time.
 */
export async function readStream(stream: Readable, file: string, onObject: OnObject, path?: string): Promise<void> {
  const walker = new DocumentWalker(file, onObject);
  const decoder = new StringDecoder('utf8');
  // flushed with `none` at the end, which the published type of the stage leaves out
  const tokenize = jsonParser({ streamValues: false, jsonStreaming: true }) as (text: string | typeof none) => unknown;
  // after the tokenizer fails, the text around the failure (a little more is read, as the
  // marker of `cluster-info dump` may straddle two chunks) tells what the input is
  let tail = '';
  let failed: InvalidJson | undefined;
  let failedAt = 0;
  const feed = (text: string | typeof none) => {
    let out: unknown;
    try {
      out = tokenize(text);
    } catch (e) {
      failed = new InvalidJson((e as Error).message, text === none);
      if (text !== none) tail += text;
      failedAt = tail.length;
      return;
    }
    if (text !== none) tail = text.slice(-TAIL);
    if (isMany(out)) walker.push(getManyValues(out) as Token[]);
  };
  const settle = (done: boolean): boolean => {
    if (!failed || (!done && tail.length - failedAt < TAIL)) return false;
    if (CLUSTER_INFO_LOGS.test(tail)) throw clusterInfoDump(file);
    throw failed;
  };
  let start = true;
  try {
    for await (const chunk of stream) {
      let text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
      if (failed) {
        tail += text;
        settle(false);
        continue;
      }
      if (start) {
        text = text.replace(/^\uFEFF/, '');
        const head = text.trimStart();
        if (head === '') continue;
        start = false;
        if (head[0] !== '{' && head[0] !== '[') throw notJson(file, head);
      }
      feed(text);
      settle(false);
    }
    if (!failed) feed(decoder.end());
    if (!failed) feed(none);
    settle(true);
  } catch (e) {
    if (e instanceof InvalidJson) throw await syntaxError(file, e, path);
    if (isSystemError(e)) {
      throw new InputError(`cannot read: ${describeFsError(e, `the JSON output of \`${PRODUCE}\``)}`, { file });
    }
    throw e;
  }
  if (walker.documents === 0) {
    throw new InputError(`expected the JSON output of \`${PRODUCE}\`, found an empty input`, { file });
  }
}

/** The tokenizer's own error, told apart from errors of ours on the way. */
class InvalidJson extends Error {
  constructor(
    message: string,
    /** raised when the input had ended: a truncated dump */
    readonly atEnd: boolean,
  ) {
    super(message);
  }
}

/** `kubectl cluster-info dump` prints its documents, then each container's logs under this line. */
const CLUSTER_INFO_LOGS = /==== START logs for container /;
const TAIL = 64;

function clusterInfoDump(file: string): InputError {
  return new InputError(
    `found the stdout of \`kubectl cluster-info dump\` (JSON documents followed by containers' logs), which mesh-cost cannot read as one input: run \`${PRODUCE}\` instead, or pass the nodes.json and */pods.json that \`kubectl cluster-info dump --output-directory DIR\` writes`,
    { file },
  );
}

/**
 * What kubectl prints when it cannot reach or is refused by the cluster (on stderr, so it
 * arrives here through `2>&1` or a saved file), and klog's lines (`E1201 12:00:00.1 …`).
 */
const KUBECTL_ERROR = /^(error: |Error from server|Unable to connect to the server|The connection to the server |You must be logged in to the server|[EWF]\d{4} \d\d:\d\d:\d\d)/;

function notJson(file: string, head: string): InputError {
  const line = head.split(/\r?\n/, 1)[0]!;
  if (KUBECTL_ERROR.test(line)) {
    return new InputError(
      `found kubectl's own error message instead of its JSON ("${line.slice(0, 100)}"): fix kubectl's access to the cluster, then run \`${PRODUCE}\` again`,
      { file },
    );
  }
  const first = line.slice(0, 40);
  const hint = /^\w[\w.-]*:/.test(first) ? ' (YAML? run kubectl with -o json)' : '';
  return new InputError(`expected the JSON output of \`${PRODUCE}\`, found text starting "${first}"${hint}`, { file });
}

/**
 * The tokenizer says what is wrong but not where; for a file, stream-json's verifier
 * re-reads it to find the line and column (only on failure, as it is slower). Stdin
 * cannot be read twice, so there the message goes without a position.
 */
async function syntaxError(file: string, e: InvalidJson, path?: string): Promise<InputError> {
  const reason = e.atEnd ? 'the input ends inside a JSON value (cut short?)' : e.message.replace(/^Parser (cannot parse input: |has )/, '');
  let where: Location = { file };
  if (path !== undefined) {
    const { verifyFile } = await import('stream-json/file/verifier.js');
    try {
      await verifyFile(path, { jsonStreaming: true });
    } catch (v) {
      const { line, pos } = v as { line?: number; pos?: number };
      if (typeof line === 'number') where = { file, line, ...(typeof pos === 'number' ? { column: pos } : {}) };
    }
  }
  return new InputError(`expected the JSON output of \`${PRODUCE}\`, found invalid JSON: ${reason}`, where);
}

const LIST = /List$/;

/**
 * A state machine over the token stream: depth 0 is between documents, depth 1 is a
 * document's top-level fields, depth 2 is inside its `items` array. Everything below is
 * handed to an Assembler, one item (or one top-level field) at a time.
 */
class DocumentWalker {
  documents = 0;
  private depth = 0;
  private key = '';
  private root: Record<string, unknown> = {};
  private items = -1;
  private asm: Assembler | undefined;
  private assemblingItem = false;
  /** kind-less items read before the list's own kind */
  private pending: { obj: KubeObject; place: Place }[] = [];

  constructor(
    private readonly file: string,
    private readonly onObject: OnObject,
  ) {}

  push(tokens: Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (this.asm) {
        this.asm.consume(t);
        if (this.asm.done) this.assembled(this.asm.current);
        continue;
      }
      if (this.depth === 0) this.atTop(t);
      else if (this.depth === 1) this.inDocument(t);
      else this.inItems(t);
    }
  }

  private atTop(t: Token): void {
    if (t.name !== 'startObject') {
      throw new InputError(`expected the JSON output of \`${PRODUCE}\` (a List or a Kubernetes object), found ${describeToken(t)}`, { file: this.file });
    }
    this.depth = 1;
    this.root = {};
    this.items = -1;
  }

  private inDocument(t: Token): void {
    switch (t.name) {
      case 'keyValue':
        this.key = t.value;
        return;
      case 'endObject':
        this.depth = 0;
        this.endDocument();
        return;
      case 'startArray':
        if (this.key === 'items') {
          this.depth = 2;
          this.items = 0;
          return;
        }
        break;
      case 'stringValue':
        this.root[this.key] = t.value;
        return;
      case 'numberValue':
        this.root[this.key] = Number(t.value);
        return;
      case 'nullValue':
        // Go's encoding/json writes a nil slice as null: kubectl's empty lists
        if (this.key === 'items') {
          this.items = 0;
          return;
        }
        this.root[this.key] = t.value;
        return;
      case 'trueValue':
      case 'falseValue':
        this.root[this.key] = t.value;
        return;
      default:
    }
    this.startAssembling(t, false);
  }

  private inItems(t: Token): void {
    if (t.name === 'endArray') {
      this.depth = 1;
      return;
    }
    if (t.name !== 'startObject') {
      throw new InputError(`items[${this.items}]: expected a Kubernetes object, found ${describeToken(t)}`, { file: this.file });
    }
    this.startAssembling(t, true);
  }

  private startAssembling(t: Token, item: boolean): void {
    this.asm = new Assembler();
    this.assemblingItem = item;
    this.asm.consume(t);
  }

  private assembled(value: unknown): void {
    this.asm = undefined;
    if (!this.assemblingItem) {
      this.root[this.key] = value;
      return;
    }
    const obj = value as KubeObject;
    const place = { file: this.file, item: `items[${this.items++}]` };
    // the API server's own NodeList/PodList leave kind off the items; with sorted keys
    // the list's kind comes after its items, so those wait for it
    if (obj.kind === undefined) {
      if (this.root.kind === undefined) {
        this.pending.push({ obj, place });
        return;
      }
      this.takeListKind(obj, place);
    }
    this.onObject(obj, place);
  }

  private takeListKind(obj: KubeObject, place: Place): void {
    const listKind = typeof this.root.kind === 'string' ? this.root.kind : '';
    if (!LIST.test(listKind) || listKind === 'List') {
      throw new InputError(`${place.item}: expected a Kubernetes object with a "kind", found none`, { file: this.file });
    }
    obj.kind = listKind.replace(LIST, '');
  }

  private endDocument(): void {
    this.documents++;
    const kind = this.root.kind;
    if (this.items >= 0) {
      if (typeof kind !== 'string' || !LIST.test(kind)) {
        throw new InputError(`expected a List (kind List, NodeList, PodList, …), found ${typeof kind === 'string' ? `kind ${kind}` : 'an object without "kind"'} with items`, { file: this.file });
      }
      const pending = this.pending;
      this.pending = [];
      for (const { obj, place } of pending) {
        this.takeListKind(obj, place);
        this.onObject(obj, place);
      }
      return;
    }
    if (typeof kind !== 'string') {
      throw new InputError(`expected the JSON output of \`${PRODUCE}\` (a List or a Kubernetes object), found a JSON object without "kind"`, { file: this.file });
    }
    if (LIST.test(kind)) {
      const items = this.root.items;
      const found = items === undefined ? 'none' : `"items": ${JSON.stringify(items).slice(0, 40)}`;
      throw new InputError(`expected a ${kind} with an "items" array, found ${found}`, { file: this.file });
    }
    this.onObject(this.root as KubeObject, { file: this.file });
  }
}

function describeToken(t: Token): string {
  switch (t.name) {
    case 'startArray':
      return 'a JSON array';
    case 'stringValue':
      return 'a JSON string';
    case 'numberValue':
      return 'a JSON number';
    case 'nullValue':
      return 'null';
    case 'trueValue':
    case 'falseValue':
      return `${t.value}`;
    default:
      return 'something else';
  }
}

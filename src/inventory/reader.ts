/**
 * Readers behind one interface (taze's registries): each source turns its input into
 * the same Inventory. Adding a source means adding one reader and one registry entry.
 */
import type { Inventory, ReadContext } from './types.js';

export interface InventoryReader<Options> {
  /** the source's name as the user knows it: csv, kube, newrelic */
  readonly name: string;
  read(options: Options, ctx: ReadContext): Promise<Inventory>;
}

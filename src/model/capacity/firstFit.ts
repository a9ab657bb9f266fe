/**
 * First fit in two resources, near-linear: the opened nodes are the leaves of a tree that
 * keeps, per subtree, the largest free cpu and the largest free memory of any node in it.
 * The search walks left to right and skips a subtree whose largest free cpu or largest
 * free memory is too small — a necessary condition for any node in it to fit — so it
 * finds exactly the leftmost node where both fit, as a scan of every node would.
 * Identical pods (one workload's replicas) are placed as a run: every node left of the
 * one found is already too full for them, so the run fills that node and goes on.
 */

/** Sizes equal to the free room fit: sums of floats like 1.5 + 0.5 must not miss by 1e-16. */
const TOLERANCE = 1e-9;

export class FirstFit {
  private leaves = 64;
  private cpu = new Float64Array(2 * this.leaves).fill(-Infinity);
  private mem = new Float64Array(2 * this.leaves).fill(-Infinity);
  private readonly cpuSlack: number;
  private readonly memSlack: number;
  /** nodes opened so far */
  opened = 0;

  private readonly capCpu: number;
  private readonly capMem: number;

  /** A node's room for pods; DaemonSets larger than the node leave none (not less than none). */
  constructor(capCpu: number, capMem: number) {
    this.capCpu = Math.max(0, capCpu);
    this.capMem = Math.max(0, capMem);
    this.cpuSlack = TOLERANCE * Math.max(1, this.capCpu);
    this.memSlack = TOLERANCE * Math.max(1, this.capMem);
  }

  /** Whether one pod fits an empty node at all; a pod that does not takes a node of its own (the caller counts it). */
  fitsEmpty(cpu: number, mem: number): boolean {
    return cpu <= this.capCpu + this.cpuSlack && mem <= this.capMem + this.memSlack;
  }

  /** Places `count` identical pods, each into the leftmost opened node where it fits, opening a node when none does. */
  place(cpu: number, mem: number, count: number): void {
    let left = count;
    while (left > 0) {
      let leaf = this.find(1, cpu, mem);
      if (leaf < 0) leaf = this.open();
      const at = this.leaves + leaf;
      const k = Math.min(left, this.room(this.cpu[at]!, cpu, this.cpuSlack), this.room(this.mem[at]!, mem, this.memSlack));
      this.set(leaf, this.cpu[at]! - k * cpu, this.mem[at]! - k * mem);
      left -= k;
    }
  }

  /** How many pods of this size the free room takes (at least 1: the node was found to fit one). */
  private room(free: number, size: number, slack: number): number {
    return size > 0 ? Math.max(1, Math.floor((free + slack) / size)) : Infinity;
  }

  private find(i: number, cpu: number, mem: number): number {
    if (this.cpu[i]! + this.cpuSlack < cpu || this.mem[i]! + this.memSlack < mem) return -1;
    if (i >= this.leaves) return i - this.leaves;
    const l = this.find(2 * i, cpu, mem);
    return l >= 0 ? l : this.find(2 * i + 1, cpu, mem);
  }

  private open(): number {
    if (this.opened === this.leaves) this.grow();
    const leaf = this.opened++;
    this.set(leaf, this.capCpu, this.capMem);
    return leaf;
  }

  private set(leaf: number, cpu: number, mem: number): void {
    let i = this.leaves + leaf;
    this.cpu[i] = cpu;
    this.mem[i] = mem;
    for (i >>= 1; i >= 1; i >>= 1) {
      this.cpu[i] = Math.max(this.cpu[2 * i]!, this.cpu[2 * i + 1]!);
      this.mem[i] = Math.max(this.mem[2 * i]!, this.mem[2 * i + 1]!);
    }
  }

  private grow(): void {
    const old = this.leaves;
    const [cpu, mem] = [this.cpu, this.mem];
    this.leaves = 2 * old;
    this.cpu = new Float64Array(2 * this.leaves).fill(-Infinity);
    this.mem = new Float64Array(2 * this.leaves).fill(-Infinity);
    this.cpu.set(cpu.subarray(old, 2 * old), this.leaves);
    this.mem.set(mem.subarray(old, 2 * old), this.leaves);
    for (let i = this.leaves - 1; i >= 1; i--) {
      this.cpu[i] = Math.max(this.cpu[2 * i]!, this.cpu[2 * i + 1]!);
      this.mem[i] = Math.max(this.mem[2 * i]!, this.mem[2 * i + 1]!);
    }
  }
}

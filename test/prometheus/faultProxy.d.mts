/** Types of the fault-injecting proxy (faultProxy.mjs is plain JavaScript, like the server harness). */
export type Fault = 'hang' | 'truncate' | 'html' | { status: number; headers?: Record<string, string>; body?: string; contentType?: string };

export interface FaultProxy {
  url: string;
  /** applied to the next requests, one each, in order */
  faults: Fault[];
  /** applied to every request once the queue is empty */
  always: Fault | undefined;
  requests: { url: string; headers: Record<string, string | string[] | undefined>; body: string }[];
  maxInFlight(): number;
  reset(): void;
  close(): Promise<void>;
}

export function startFaultProxy(target: string, options?: { delayMs?: number }): Promise<FaultProxy>;

/** Types of the real-server harness (server.mjs is plain JavaScript so the bench runs it without a build). */
export interface PrometheusServer {
  url: string;
  pid: number | undefined;
  close(): Promise<void>;
}
export function prometheusAvailable(): boolean;
export const SKIP_MESSAGE: string;
export function startPrometheus(options: { openMetricsFile: string; maxSamples?: number }): Promise<PrometheusServer>;

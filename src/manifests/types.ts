/**
 * The manifest plan: what `mesh-cost manifests` writes, as data. Each cluster gets the
 * steps of Istio's own sidecar-to-ambient migration, in order; each step holds files
 * (Kubernetes objects or Helm values, each with the comment that explains how it was
 * sized) and a README saying how to apply it and what to check before the next step.
 * Rendering to YAML is a separate step.
 */
import type { Warning } from '../inventory/types.js';
import type { ReadinessFinding } from '../model/types.js';

/** A Kubernetes object (or a partial one, for patches) as plain data. */
export type KubeObject = { apiVersion: string; kind: string; metadata: ObjectMeta } & Record<string, unknown>;

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * The migration's steps, in the order they are applied (Istio's "Migrate from Sidecar
 * to Ambient": install the ambient components, deploy waypoints and move L7 policies
 * onto them, then per namespace enrol, remove the sidecars and restart). No step may
 * hold an object a later step depends on being applied first.
 */
export const STEPS = ['1-ambient-install', '2-waypoints', '3-policies', '4-enrol', '5-remove-sidecars', '6-canary', '7-strict-mtls'] as const;
export type StepName = (typeof STEPS)[number];

export type ManifestFile =
  | {
      /** a kustomize resource: listed in its step's kustomization.yaml, part of the stdout stream */
      kind: 'resources';
      step: StepName;
      /** relative to the step's folder, e.g. `listings/waypoint.yaml` */
      path: string;
      /** lines explaining the file, without the leading `#` */
      comment: string[];
      objects: KubeObject[];
    }
  | {
      /** Helm chart values: installed with `helm upgrade`, never listed as a resource */
      kind: 'helmValues';
      step: StepName;
      path: string;
      comment: string[];
      values: Record<string, unknown>;
    };

/** A step's README: what it does, the commands that apply it, the check before the next step. */
export interface StepGuide {
  step: StepName;
  title: string;
  /** paragraphs (Markdown) */
  about: string[];
  /** shell commands that apply the step, run from the step's folder */
  apply: string[];
  /** the exact commands whose output says the step took effect, and what to look for */
  check: { commands: string[]; expect: string };
}

export interface ClusterManifests {
  cluster: string;
  environment: string;
  /** the steps this cluster needs, in order (a step with nothing to do is left out) */
  steps: StepGuide[];
  files: ManifestFile[];
  /** what ambient does not carry over, from the Istio configuration (listed in the README) */
  readiness: ReadinessFinding[];
}

export interface ManifestSet {
  clusters: ClusterManifests[];
  warnings: Warning[];
}

export type MtlsMode = 'strict' | 'permissive';
export const MTLS_MODES: readonly MtlsMode[] = ['strict', 'permissive'];

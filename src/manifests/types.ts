/**
 * The manifest plan: what `mesh-cost manifests` writes, as data. Each cluster gets an
 * ordered list of files; each file holds Kubernetes objects (or Helm values) and the
 * comment that explains how they were sized. Rendering to YAML is a separate step.
 */
import type { Warning } from '../inventory/types.js';

/** A Kubernetes object (or a partial one, for patches) as plain data. */
export type KubeObject = { apiVersion: string; kind: string; metadata: ObjectMeta } & Record<string, unknown>;

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export type ManifestFile =
  | {
      /** a kustomize resource: listed in kustomization.yaml, part of the stdout stream */
      kind: 'resources';
      /** relative to the cluster's folder, e.g. `listings/waypoint.yaml` */
      path: string;
      /** lines explaining the file, without the leading `#` */
      comment: string[];
      objects: KubeObject[];
    }
  | {
      /** Helm chart values: written next to the resources, never listed as a resource */
      kind: 'helmValues';
      path: string;
      comment: string[];
      values: Record<string, unknown>;
    };

export interface ClusterManifests {
  cluster: string;
  environment: string;
  files: ManifestFile[];
}

export interface ManifestSet {
  clusters: ClusterManifests[];
  warnings: Warning[];
}

export type MtlsMode = 'strict' | 'permissive';
export const MTLS_MODES: readonly MtlsMode[] = ['strict', 'permissive'];

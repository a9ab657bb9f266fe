/**
 * The few fields of Kubernetes objects the kube reader looks at. Everything is
 * optional: the input is whatever kubectl (or a person) wrote, and each reader
 * function says which missing field is an error and which is a warning.
 */

export interface OwnerReference {
  kind?: string;
  name?: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export interface Resources {
  requests?: Record<string, string | number>;
}

export interface Container {
  name?: string;
  resources?: Resources;
  /** `Always` on an init container makes it a native sidecar (Kubernetes ≥ 1.28) */
  restartPolicy?: string;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: {
    nodeName?: string;
    hostNetwork?: boolean;
    containers?: Container[];
    initContainers?: Container[];
  };
  status?: {
    phase?: string;
    allocatable?: Record<string, string>;
    capacity?: Record<string, string>;
  };
}

/** The controller among an object's owners (the one with `controller: true`, else the first). */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  const refs = obj.metadata?.ownerReferences;
  if (!Array.isArray(refs) || refs.length === 0) return undefined;
  return refs.find((r) => r?.controller === true) ?? refs[0];
}

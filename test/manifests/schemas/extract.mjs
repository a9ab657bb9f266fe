#!/usr/bin/env node
/**
 * Copies the openAPIV3Schema of the custom resources `mesh-cost manifests` writes out of
 * upstream CRD files into test/manifests/schemas/*.json, so that the tests validate
 * against the real schemas without reading anything outside the repository.
 * Descriptions are dropped (they do not validate anything); the rest is kept as is.
 *
 *   node test/manifests/schemas/extract.mjs DIR_WITH_CRD_YAML_FILES
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** CRD name → the served version the manifests use */
const WANTED = {
  'gateways.gateway.networking.k8s.io': 'v1',
  'httproutes.gateway.networking.k8s.io': 'v1',
  'rollouts.argoproj.io': 'v1alpha1',
  'peerauthentications.security.istio.io': 'v1',
  'authorizationpolicies.security.istio.io': 'v1',
  'requestauthentications.security.istio.io': 'v1',
};

const from = process.argv[2];
if (!from) {
  console.error('usage: node test/manifests/schemas/extract.mjs DIR_WITH_CRD_YAML_FILES');
  process.exit(2);
}
const out = fileURLToPath(new URL('.', import.meta.url));

const withoutDescriptions = (value) =>
  Array.isArray(value)
    ? value.map(withoutDescriptions)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'description').map(([k, v]) => [k, withoutDescriptions(v)]))
      : value;

const found = new Set();
for (const file of readdirSync(from).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  for (const doc of parseAllDocuments(readFileSync(join(from, file), 'utf8'))) {
    const crd = doc.toJS();
    const version = WANTED[crd?.metadata?.name];
    if (crd?.kind !== 'CustomResourceDefinition' || !version) continue;
    const served = crd.spec.versions.find((v) => v.name === version);
    if (!served) throw new Error(`${file}: ${crd.metadata.name} has no version ${version}`);
    const schema = {
      $comment: `${crd.spec.group}/${version} ${crd.spec.names.kind}: openAPIV3Schema from ${file} (${crd.metadata.name}), descriptions removed`,
      ...withoutDescriptions(served.schema.openAPIV3Schema),
    };
    const name = `${crd.spec.names.kind}.${crd.spec.group}.${version}.json`;
    writeFileSync(join(out, name), JSON.stringify(schema, null, 1) + '\n');
    found.add(crd.metadata.name);
    console.log(`wrote ${name}`);
  }
}
const missing = Object.keys(WANTED).filter((n) => !found.has(n));
if (missing.length > 0) {
  console.error(`not found in ${from}: ${missing.join(', ')}`);
  process.exit(1);
}

/**
 * The cluster's Istio configuration → what needs a waypoint and what ambient does not
 * carry over (DESIGN section 6): parse (config.ts) → findings (findings.ts) → overlay on
 * the inventory (overlay.ts). Pure; the CLI reads the file.
 */
export { addIstioObject, emptyIstioConfig, type IstioConfig } from './config.js';
export { findL7, type IstioFindings, type L7Service, type PolicyCopy } from './findings.js';
export { overlayWaypoints } from './overlay.js';

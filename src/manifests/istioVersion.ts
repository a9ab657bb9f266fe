/**
 * `--istio-version X.Y`: the Istio release the migration targets. What the output
 * holds depends on it (DESIGN section 6): a Gateway's parametersRef overlays are
 * applied from 1.26, and the traffic-distribution value PreferSameZone is accepted
 * from 1.27 (PreferClose, its older spelling, before).
 */
import { InputError } from '../errors.js';

export interface IstioVersion {
  major: number;
  minor: number;
}

const VERSION = /^(\d+)\.(\d+)$/;

export function parseIstioVersion(text: string): IstioVersion {
  const m = VERSION.exec(text.trim());
  if (!m) throw new InputError(`--istio-version: expected a release as MAJOR.MINOR such as 1.30, found "${text}"`);
  const version = { major: Number(m[1]), minor: Number(m[2]) };
  // ambient and waypoints are generally available from 1.24: an older target has no waypoint to configure
  if (!atLeast(version, 1, 24)) throw new InputError(`--istio-version: ambient mode is generally available from Istio 1.24, found "${text}"`);
  return version;
}

/** `1.30` from the profile name `istio-1.30`: the default target is the default profile's release. */
export function releaseOfProfile(profileName: string): string {
  const m = /^istio-(\d+\.\d+)$/.exec(profileName);
  if (!m) throw new Error(`profile "${profileName}" names no Istio release`);
  return m[1]!;
}

export function atLeast(v: IstioVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

export function formatVersion(v: IstioVersion): string {
  return `${v.major}.${v.minor}`;
}

/** The Gateway's `infrastructure.parametersRef` overlays (deployment, HPA) take effect from 1.26. */
export const takesParametersRef = (v: IstioVersion): boolean => atLeast(v, 1, 26);

/** The `networking.istio.io/traffic-distribution` value that keeps traffic in its zone. */
export const sameZoneValue = (v: IstioVersion): 'PreferSameZone' | 'PreferClose' => (atLeast(v, 1, 27) ? 'PreferSameZone' : 'PreferClose');

/**
 * The built-in proxy profile used when none is named: the newest Istio release whose
 * chart defaults profiles/proxies/ carries (docs/sources.md). Its own module, importing
 * nothing, so the command line's help can name it without loading the profile code.
 */
export const DEFAULT_PROFILE = 'istio-1.30';

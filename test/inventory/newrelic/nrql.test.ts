import { describe, expect, it } from 'vitest';
import { attr, eq, isIn, quote, toNrql } from '../../../src/inventory/newrelic/nrql.js';

describe('NRQL text', () => {
  it('quotes values so that they cannot end the string', () => {
    expect(quote("o'brien")).toBe("'o\\'brien'");
    expect(quote('a\\')).toBe("'a\\\\'");
    expect(eq('clusterName', "x' OR clusterName != '")).toBe("clusterName = 'x\\' OR clusterName != \\''");
    expect(eq('namespaceName', null)).toBe('namespaceName IS NULL');
    expect(isIn('clusterName', ['a', 'b'])).toBe("clusterName IN ('a', 'b')");
  });

  it('backticks attribute names that are not plain identifiers', () => {
    expect(attr('nodeName')).toBe('nodeName');
    expect(attr('label.topology.kubernetes.io/zone')).toBe('`label.topology.kubernetes.io/zone`');
  });

  it('builds facet queries with LIMIT MAX and an exact window', () => {
    const window = { since: 1000, until: 2000 };
    expect(toNrql({ select: ["count(*) AS 'n'"], from: 'K8sPodSample', where: ["status = 'Running'", "clusterName = 'a'"], facet: ['clusterName', 'label.app'], window })).toBe(
      "SELECT count(*) AS 'n' FROM K8sPodSample WHERE (status = 'Running') AND (clusterName = 'a') FACET clusterName, `label.app` SINCE 1000 UNTIL 2000 LIMIT MAX",
    );
    expect(toNrql({ select: ["max(cpuUsedCores) AS 'm'"], from: 'K8sContainerSample', where: [], facet: [], window })).toBe(
      "SELECT max(cpuUsedCores) AS 'm' FROM K8sContainerSample SINCE 1000 UNTIL 2000",
    );
  });
});

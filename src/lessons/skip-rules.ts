// Commands a lesson may show that vtsim recognises but does not simulate: the Kubernetes operator
// path of the Vitess docs (kubectl, helm, minikube, the operator example's port-forward script).
// A lesson run counts them as skipped, and does not compare their output.
// No Vitess counterpart.

export const OPERATOR_REASON = 'not simulated: Kubernetes operator path';

export interface SkipRule {
  /** Matched against the command with leading `VAR=value` assignments removed. */
  pattern: RegExp;
  reason: string;
}

export const SKIP_RULES: readonly SkipRule[] = [
  { pattern: /^kubectl(\s|$)/, reason: OPERATOR_REASON },
  { pattern: /^killall\s+(-\S+\s+)*kubectl(\s|$)/, reason: OPERATOR_REASON },
  { pattern: /^(\.\/)?pf\.sh(\s|$)/, reason: OPERATOR_REASON },
  { pattern: /^helm(\s|$)/, reason: OPERATOR_REASON },
  { pattern: /^minikube(\s|$)/, reason: OPERATOR_REASON },
];

/** Leading environment assignments of a command line (`CELL=zone1 KEYSPACE=ks ./script.sh`). */
const ENV_PREFIX = /^(?:[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"[^"]*"|\S*)\s+)*/;

/** The command without leading `VAR=value` assignments. */
export function stripEnvAssignments(line: string): string {
  return line.trim().replace(ENV_PREFIX, '');
}

/** Why a command is not run, or undefined when it is simulated. */
export function skipReasonFor(line: string): string | undefined {
  const command = stripEnvAssignments(line);
  return SKIP_RULES.find((r) => r.pattern.test(command))?.reason;
}

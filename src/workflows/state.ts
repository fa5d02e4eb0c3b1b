// The traffic state of a workflow and the sentence vtctldclient prints for it
// ("Reads Not Switched. Writes Not Switched", "All Reads Switched. Writes Switched", ...).
// Mirrors go/vt/vtctl/workflow/state.go (State and State.String).

export type WorkflowTypeName = 'MoveTables' | 'Reshard' | 'Migrate';

export interface WorkflowState {
  workflow: string;
  sourceKeyspace: string;
  targetKeyspace: string;
  workflowType: WorkflowTypeName;
  /** The state was computed for `<wf>_reverse`, expressed from the forward workflow's point of view. */
  isReverse: boolean;
  replicaCellsSwitched: string[];
  replicaCellsNotSwitched: string[];
  rdonlyCellsSwitched: string[];
  rdonlyCellsNotSwitched: string[];
  writesSwitched: boolean;
  isPartialMigration: boolean;
  shardsAlreadySwitched: string[];
  shardsNotYetSwitched: string[];
}

export function newWorkflowState(workflow: string, sourceKeyspace: string, targetKeyspace: string): WorkflowState {
  return {
    workflow,
    sourceKeyspace,
    targetKeyspace,
    workflowType: 'MoveTables',
    isReverse: false,
    replicaCellsSwitched: [],
    replicaCellsNotSwitched: [],
    rdonlyCellsSwitched: [],
    rdonlyCellsNotSwitched: [],
    writesSwitched: false,
    isPartialMigration: false,
    shardsAlreadySwitched: [],
    shardsNotYetSwitched: [],
  };
}

/** The traffic_state string: the parts joined with ". ", as State.String builds it. */
export function stateString(s: WorkflowState): string {
  const info: string[] = [];
  if (!s.isPartialMigration) {
    if (s.rdonlyCellsNotSwitched.length === 0 && s.replicaCellsNotSwitched.length === 0 && s.replicaCellsSwitched.length > 0) {
      info.push('All Reads Switched');
    } else if (s.rdonlyCellsSwitched.length === 0 && s.replicaCellsSwitched.length === 0) {
      info.push('Reads Not Switched');
    } else {
      info.push('Reads partially switched');
      if (s.replicaCellsNotSwitched.length === 0) info.push('All Replica Reads Switched');
      else if (s.replicaCellsSwitched.length === 0) info.push('Replica not switched');
      else info.push('Replica switched in cells: ' + s.replicaCellsSwitched.join(','));
      if (s.rdonlyCellsNotSwitched.length === 0) info.push('All Rdonly Reads Switched');
      else if (s.rdonlyCellsSwitched.length === 0) info.push('Rdonly not switched');
      else info.push('Rdonly switched in cells: ' + s.rdonlyCellsSwitched.join(','));
    }
  }
  if (s.writesSwitched) {
    info.push('Writes Switched');
  } else if (s.isPartialMigration) {
    // Shard-by-shard migrations switch reads and writes of a shard together.
    if (s.shardsAlreadySwitched.length > 0 && s.shardsNotYetSwitched.length > 0) {
      info.push(`Reads partially switched, for shards: ${s.shardsAlreadySwitched.join(',')}`);
      info.push(`Writes partially switched, for shards: ${s.shardsAlreadySwitched.join(',')}`);
    } else if (s.shardsAlreadySwitched.length === 0) {
      info.push('Reads Not Switched', 'Writes Not Switched');
    } else {
      info.push('All Reads Switched', 'All Writes Switched');
    }
  } else {
    info.push('Writes Not Switched');
  }
  return info.join('. ');
}

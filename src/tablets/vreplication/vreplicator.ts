// VReplicator: the phase machine of one stream, stepped by its controller in bounded units.
// Each step re-reads the stream's settings (a Stopped or Error state ends it), then:
//   1. Init (no copy_state rows, no position): record the tables to copy in copy_state (sorted),
//      state Copying, "Copy phase started for N table(s)"; nothing matches: Stopped, "There is nothing
//      to replicate".
//   2. Copy (copy_state rows exist): one copy packet (catch-up, snapshot, fast-forward, rows + lastpk
//      committed together). When the last table is done: "Copy phase completed at gtid <set>".
//   3. Replicate (a position, no copy_state): with stop_after_copy, Stopped "Stopped after copy.";
//      otherwise Running, and the player applies the source binlog from then on.
// Mirrors go/vt/vttablet/tabletmanager/vreplication/vreplicator.go (Replicate/replicate, setState,
// setMessage, insertLog) with the state kept in `_vt.vreplication`/`_vt.copy_state` so any restart
// resumes where the last committed step left off.

import type { SimEnv } from '../../engine/sim-env.js';
import type { Mysqld } from '../mysqld/mysqld.js';
import type { VindexResolver } from '../vstreamer/planbuilder.js';
import type { BinlogSource } from './binlog-source.js';
import { numTablesToCopy, readVRSettings, writeMessage, writeState } from './binlog-player.js';
import type { StreamState } from './binlog-player.js';
import type { VReplicationConfig } from './config.js';
import type { Journal } from './journal.js';
import type { PickedTablet } from './tablet-picker.js';
import type { ReplicatorPlan } from './table-plan.js';
import { buildReplicatorPlan } from './table-plan.js';
import { VCopier } from './vcopier.js';
import { VPlayer } from './vplayer.js';
import type { PlayResult } from './vplayer.js';
import { LOG_COPY_END, LOG_COPY_RESTART, LOG_MESSAGE, LOG_STATE_CHANGE, insertLog } from './vr-log.js';

/** What a VReplicator needs from the engine that owns it. */
export interface VReplicatorHost {
  env: SimEnv;
  mysqld: Mysqld;
  config: VReplicationConfig;
  resolveVindex?: VindexResolver;
  /** Engine.registerJournal: all of a stream's tables moved; throws when the workflow cannot follow. */
  registerJournal(journal: Journal, id: number): void;
}

/** What the controller should do after a step. */
export type StepOutcome =
  | { kind: 'continue'; delayMs: number }
  /** Replicating: the player's last result (the controller decides when to wake it). */
  | { kind: 'play'; result: PlayResult }
  | { kind: 'done' };

export class VReplicator {
  /** The state this replicator last set (vr.state); starts unknown, so the first setState logs. */
  state = 'Unknown';
  readonly plan: ReplicatorPlan;
  player: VPlayer | undefined;
  /** Where in the source binlog the last player started (players of this stream never start before it). */
  binlogHint = 0;
  private readonly copier: VCopier;

  constructor(
    readonly host: VReplicatorHost,
    readonly id: number,
    readonly source: BinlogSource,
    readonly sourceTablet: PickedTablet,
  ) {
    this.plan = buildReplicatorPlan(source);
    this.copier = new VCopier(this);
  }

  get sourceMysqld(): Mysqld {
    return this.sourceTablet.mysqld;
  }

  nowSeconds(): number {
    return Math.floor(this.host.env.clock.nowMs() / 1000);
  }

  /** Runs `fn` in one transaction of the target database (its writes commit together). */
  inTx<T>(fn: () => T): T {
    return this.host.mysqld.transaction(fn);
  }

  /** One bounded unit of work. Throws stream errors (the controller retries or fails the stream). */
  step(): StepOutcome {
    if (this.player) return this.playStep();
    const mysqld = this.host.mysqld;
    const settings = readVRSettings(mysqld, this.id);
    if (settings.state === 'Stopped' || settings.state === 'Error') return { kind: 'done' };
    const tables = numTablesToCopy(mysqld, this.id);
    if (tables > 0) {
      if (this.state !== 'Copying') {
        this.inTx(() => {
          this.setState('Copying', '');
          this.insertLog(LOG_COPY_RESTART, `Copy phase restarted for ${tables} table(s)`);
        });
      }
      if (this.copier.copyNext(settings) === 'busy') return { kind: 'continue', delayMs: 10 };
      if (numTablesToCopy(mysqld, this.id) === 0) {
        const after = readVRSettings(mysqld, this.id);
        this.inTx(() => this.insertLog(LOG_COPY_END, `Copy phase completed at gtid ${after.startPos.toString()}`));
        return { kind: 'continue', delayMs: 0 };
      }
      return { kind: 'continue', delayMs: this.host.config.copyBatchDelayMs };
    }
    if (settings.startPos.isEmpty()) {
      this.copier.initTablesForCopy();
      return { kind: 'continue', delayMs: 0 };
    }
    if (this.source.stop_after_copy) {
      this.inTx(() => this.setState('Stopped', 'Stopped after copy.'));
      return { kind: 'done' };
    }
    this.inTx(() => this.setState('Running', ''));
    const player = new VPlayer(this, settings, undefined, settings.stopPos, true, 'replicate');
    if (player.alreadyReached()) return { kind: 'done' };
    this.player = player;
    return { kind: 'continue', delayMs: 0 };
  }

  private playStep(): StepOutcome {
    const player = this.player as VPlayer;
    // A Stopped/Error state written behind the engine's back (not through VReplicationExec) still
    // stops the stream at its next step.
    const state = this.host.mysqld.query('SELECT state FROM _vt.vreplication WHERE id = ?', [this.id])[0]?.state;
    if (state === undefined || state === 'Stopped' || state === 'Error') return { kind: 'done' };
    const result = player.step(this.host.config.playerMaxTxPerStep);
    return result === 'eof' ? { kind: 'done' } : { kind: 'play', result };
  }

  /** setState: writes state and message; logs "State Changed" when the state differs from vr.state. */
  setState(state: StreamState, message: string): void {
    writeState(this.host.mysqld, this.id, state, message);
    if (state === this.state) return;
    insertLog(this.host.mysqld, LOG_STATE_CHANGE, this.id, state, message, this.nowSeconds());
    this.state = state;
  }

  /** setMessage: the message column plus a "Message" log entry. */
  setMessage(message: string): void {
    writeMessage(this.host.mysqld, this.id, message);
    insertLog(this.host.mysqld, LOG_MESSAGE, this.id, this.state, message, this.nowSeconds());
  }

  insertLog(type: string, message: string): void {
    insertLog(this.host.mysqld, type, this.id, this.state, message, this.nowSeconds());
  }
}

// VCopier: the copy phase. Tables are copied one at a time, in name order, in packets of rows read
// from a consistent snapshot of the source after the table's last copied primary key. Each packet:
//   1. catchup: unless this is the very first packet, apply the source binlog from the stream's
//      position to what is already copied (finished tables, and rows of the current table at or below
//      lastpk), so writes made during the copy are never lost;
//   2. snapshot: read the next rows (pk > lastpk order by pk) and the source's GTID position;
//   3. fastForward: bring the target to exactly that position (the first packet just records it);
//   4. insert the rows and the new copy_state.lastpk in ONE transaction (a restart resumes after it).
// A finished table's copy_state rows are deleted; the replicator logs the end of the phase.
// Mirrors go/vt/vttablet/tabletmanager/vreplication/vcopier.go (initTablesForCopy, copyNext, catchup,
// copyTable, fastForward, insertCopyState) with one packet per scheduler step.

import type { SqlValue } from '../../common/sql-types.js';
import type { GtidSet } from '../binlog/gtid.js';
import { streamRows } from '../vstreamer/row-streamer.js';
import { readVRSettings, updatePos } from './binlog-player.js';
import type { VRSettings } from './binlog-player.js';
import type { LastPk } from './lastpk.js';
import { decodeLastPk, encodeLastPk } from './lastpk.js';
import { copyTargets } from './table-plan.js';
import { applyInserts } from './apply-change.js';
import { LOG_COPY_START, wrapError } from './vr-log.js';
import { VPlayer } from './vplayer.js';
import type { CopyState } from './vplayer.js';
import type { VReplicator } from './vreplicator.js';

export class VCopier {
  constructor(private readonly vr: VReplicator) {}

  /** The tables of the stream's rules that exist on the source, with their sources, sorted by target name. */
  private tables(): ReturnType<typeof copyTargets> {
    const src = this.vr.sourceMysqld;
    const all = src.schema.tableNames().filter((t) => src.schema.layout(t) !== undefined);
    return copyTargets(this.vr.source, all).filter((t) => src.schema.layout(t.source) !== undefined);
  }

  /** Phase 1: records the tables to copy (or stops the stream when nothing matches). */
  initTablesForCopy(): void {
    const tables = this.tables();
    const mysqld = this.vr.host.mysqld;
    this.vr.inTx(() => {
      if (tables.length === 0) {
        this.vr.setState('Stopped', 'There is nothing to replicate');
        return;
      }
      for (const t of tables) mysqld.run('INSERT INTO _vt.copy_state (vrepl_id, table_name) VALUES (?, ?)', [this.vr.id, t.target]);
      this.vr.setState('Copying', '');
      this.vr.insertLog(LOG_COPY_START, `Copy phase started for ${tables.length} table(s)`);
      const settings = readVRSettings(mysqld, this.vr.id);
      if (settings.deferSecondaryKeys) {
        // vtsim keeps secondary keys in place during the copy (SQLite indexes are cheap to maintain),
        // but the stream's history reads as Vitess's does.
        this.vr.insertLog(LOG_COPY_START, `Copy phase temporarily dropping secondary keys for ${tables.length} table(s)`);
        this.vr.insertLog(
          LOG_COPY_START,
          `Copy phase finished dropping secondary keys and saving post copy actions to restore them for ${tables.length} table(s)`,
        );
      }
    });
  }

  /** The current copy_state: the latest row per table, in table-name order. */
  readCopyState(): { order: string[]; state: CopyState } {
    const rows = this.vr.host.mysqld.query(
      'SELECT table_name, lastpk FROM _vt.copy_state WHERE vrepl_id = ? AND id IN ' +
        '(SELECT max(id) FROM _vt.copy_state WHERE vrepl_id = ? GROUP BY table_name) ORDER BY table_name',
      [this.vr.id, this.vr.id],
    );
    const state: CopyState = new Map();
    const order: string[] = [];
    for (const r of rows) {
      const name = String(r.table_name);
      order.push(name);
      const text = r.lastpk instanceof Uint8Array ? new TextDecoder().decode(r.lastpk) : (r.lastpk as string | null);
      state.set(name, decodeLastPk(text) ?? null);
    }
    return { order, state };
  }

  /** Phase 2: one packet of the first table still in copy_state. 'busy' when the source is in a transaction. */
  copyNext(settings: VRSettings): 'ok' | 'busy' {
    if (this.vr.sourceMysqld.inTransaction()) return 'busy';
    const { order, state } = this.readCopyState();
    const table = order[0];
    if (table === undefined) throw new Error('unexpected: there are no tables to copy');
    if (!settings.startPos.isEmpty() && !this.catchup(settings, state)) return 'ok';
    this.copyPacket(table, state);
    return 'ok';
  }

  /** Step 1. Returns false when more catch-up remains (the packet waits for the next step). */
  private catchup(settings: VRSettings, state: CopyState): boolean {
    const player = new VPlayer(this.vr, settings, state, undefined, false, 'catchup');
    let budget = this.vr.host.config.catchupMaxTxPerStep;
    while (budget > 0 && player.pending() > 0) {
      const n = Math.min(budget, this.vr.host.config.playerMaxTxPerStep);
      player.step(n);
      budget -= n;
    }
    return player.pending() === 0;
  }

  /** Steps 2-4 for one packet of `table`. */
  private copyPacket(table: string, state: CopyState): void {
    const info = this.tables().find((t) => t.target === table);
    const mysqld = this.vr.host.mysqld;
    const id = this.vr.id;
    if (!info) {
      // The table left the source schema or the rules: nothing more to copy for it.
      this.vr.inTx(() => mysqld.run('DELETE FROM _vt.copy_state WHERE vrepl_id = ? AND table_name = ?', [id, table]));
      return;
    }
    const lastpk: LastPk | null = state.get(table) ?? null;
    const packet = streamRows(this.vr.sourceMysqld, info.rule, info.source, lastpk ? lastpk.row : null, {
      packetBytes: this.vr.host.config.copyPacketBytes,
      maxRows: this.vr.host.config.copyMaxRows,
      resolveVindex: this.vr.host.resolveVindex,
    });
    this.fastForward(state, packet.gtid);
    const now = this.vr.nowSeconds();
    this.vr.inTx(() => {
      this.insertRows(table, packet.plan.columns, packet.rows);
      if (packet.lastpk) {
        mysqld.run('INSERT INTO _vt.copy_state (lastpk, vrepl_id, table_name) VALUES (?, ?, ?)', [
          encodeLastPk(packet.pkFields, packet.lastpk),
          id,
          table,
        ]);
        // Keep only the newest row per table (Vitess garbage-collects older ones periodically).
        mysqld.run(
          'DELETE FROM _vt.copy_state WHERE vrepl_id = ? AND table_name = ? AND id < (SELECT max(id) FROM _vt.copy_state WHERE vrepl_id = ? AND table_name = ?)',
          [id, table, id, table],
        );
      }
      mysqld.run('UPDATE _vt.vreplication SET rows_copied = rows_copied + ?, time_updated = ? WHERE id = ?', [packet.rows.length, now, id]);
      if (packet.done) mysqld.run('DELETE FROM _vt.copy_state WHERE vrepl_id = ? AND table_name = ?', [id, table]);
    });
    this.vr.host.env.trace.record('vreplication', 'copy', `${id} ${table} +${packet.rows.length}${packet.done ? ' done' : ''}`);
  }

  private insertRows(table: string, columns: readonly string[], rows: SqlValue[][]): void {
    try {
      applyInserts(this.vr.host.mysqld, table, columns, rows);
    } catch (e) {
      throw wrapError(wrapError(e, 'failed inserting rows'), 'task error');
    }
  }

  /** Step 3: the first packet records the snapshot position; later ones replay up to it. */
  private fastForward(state: CopyState, gtid: GtidSet): void {
    const settings = readVRSettings(this.vr.host.mysqld, this.vr.id);
    if (settings.startPos.isEmpty()) {
      this.vr.inTx(() => updatePos(this.vr.host.mysqld, this.vr.id, gtid, this.vr.nowSeconds(), 0));
      return;
    }
    const player = new VPlayer(this.vr, settings, state, gtid, false, 'fastforward');
    if (player.alreadyReached()) return;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const r = player.step(this.vr.host.config.playerMaxTxPerStep);
      if (r === 'eof') return;
      if (r === 'idle') {
        // The binlog ended before the snapshot position: the source's executed set holds GTIDs its
        // binlog does not (purged or restored); record the snapshot position as Vitess would.
        const pos = player.pos.clone();
        pos.union(gtid);
        this.vr.inTx(() => updatePos(this.vr.host.mysqld, this.vr.id, pos, this.vr.nowSeconds(), 0));
        return;
      }
    }
    throw new Error(`[BUG] fast-forward did not reach ${gtid.toString()}`);
  }
}

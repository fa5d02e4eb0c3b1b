// The BinlogSource of a stream, as the workflow server reads and writes it in `_vt.vreplication.source`.
// The prototext codec lives with the streams that read it (src/tablets/vreplication/binlog-source.ts);
// this module re-exports it for the workflow server. Mirrors proto/binlogdata.proto BinlogSource.

export type { BinlogRule, BinlogSource, OnDdlAction } from '../tablets/vreplication/binlog-source.js';
export { formatBinlogSource, parseBinlogSource } from '../tablets/vreplication/binlog-source.js';

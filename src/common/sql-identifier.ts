// The words of Vitess's SQL grammar, and how Vitess prints an identifier in SQL it generates.
// Mirrors go/vt/sqlparser/keywords.go (the keyword table, minus the UNUSED entries) and
// go/vt/sqlparser/ast_funcs.go (formatID, containEscapableChars): Vitess back-quotes a table or
// column name when it is any keyword of its grammar, reserved or not (`order`, `status`, `user`), or
// holds a character other than a letter, `_`, `$` or a digit after the first character. So
// MoveTables' filter for a table named `order` is "select * from `order`", for `invoice` it is
// "select * from invoice".

const KEYWORD_LIST = `
_armscii8 _ascii _big5 _binary _cp1250 _cp1251 _cp1256 _cp1257 _cp850 _cp852 _cp866 _cp932 _dec8 _eucjpms
_euckr _gb18030 _gb2312 _gbk _geostd8 _greek _hebrew _hp8 _keybcs2 _koi8r _koi8u _latin1 _latin2 _latin5
_latin7 _macce _macroman _sjis _swe7 _tis620 _ucs2 _ujis _utf16 _utf16le _utf32 _utf8 _utf8mb4 _utf8mb3
action add adddate after against algorithm all alter always analyze and any any_value array as asc ascii
auto_increment autoextend_size avg avg_row_length before begin between bigint binary bit bit_and bit_or
bit_xor blob bool boolean both by byte call cancel cascade cascaded case cast catalog_name channel change
char character charset check checksum class_origin cleanup coalesce code collate collation column column_name
column_format columns comment committed commit compact complete compressed compression condition connection
consistent constraint constraint_catalog constraint_name constraint_schema continue convert copy count
cume_dist substr subpartition subpartitions substring srid create cross csv current current_date curdate
current_time curtime current_timestamp current_user cursor_name cutover_threshold data database databases day
day_hour day_microsecond day_minute day_second date datetime date_add date_sub deallocate decimal declare
default definer delay_key_write delete dense_rank desc describe directory disable discard disk distinct
distinctrow div double do drop dumpfile duplicate dynamic else elseif empty enable enclosed encryption end
enforced engine engine_attribute engines enum error escape escaped event exchange exclusive execute exists
exit explain expansion expire export extended extract false fields first first_value fixed float float4
float8 flush following for force force_cutover foreign format format_bytes format_pico_time found from full
fulltext function general generated geometry geomcollection geometrycollection get_lock global gtid_executed
gtid_subset gtid_subtract group group_concat handler hash having header high_priority hosts hour
hour_microsecond hour_minute hour_second if ignore import in index indexes inout inner inplace insert
insert_method instant invisible int integer interval into is is_free_lock is_used_lock isolation invoker join
json json_array json_arrayagg json_array_append json_array_insert json_contains json_contains_path json_depth
json_extract json_insert json_keys json_length json_merge json_merge_patch json_merge_preserve json_object
json_objectagg json_overlaps json_pretty json_remove json_replace json_search json_schema_valid
json_schema_validation_report json_set json_storage_free json_storage_size json_quote json_table json_type
json_value json_valid json_unquote key keys keyspaces key_block_size kill lag language last last_value
last_insert_id lateral launch lead leading left less level like limit linear lines linestring list load local
localtime localtimestamp locate lock locked logs longblob longtext low_priority ltrim mid min manifest manual
match max max_rows maxvalue mediumblob mediumint mediumtext memory member merge message_text microsecond
min_rows minute minute_microsecond minute_second mod mode modify multilinestring multipoint multipolygon
month mysql_errno name names natural nchar next nested no none not now nowait no_write_to_binlog nth_value
ntile null nulls numeric of off offset on only open optimize optimizer_costs option optionally or order
ordinality out outer outfile over parallel overwrite pack_keys parser partial partition partitions
partitioning password path percent_rank plan plugins point polygon position postpone preceding prepare
primary privileges purge processlist procedure ps_current_thread_id ps_thread_id qualify queries query range
quarter rank ratio read real rebuild recursive redundant references regexp regexp_instr regexp_like
regexp_replace regexp_substr relay release release_all_locks release_lock remove rename reorganize repair
repeatable replace respect restrict returning retry revert right rlike rollback rollup row row_format
row_number rows rtrim s3 savepoint schema schema_name schemas second second_microsecond
secondary_engine_attribute security select separator sequence serializable session set share shared show
signal signed simple skip slow smallint snapshot some spatial sql sqlexception sqlstate sqlwarning
sql_big_result sql_cache sql_calc_found_rows sql_no_cache sql_small_result sql_buffer_result sql_tsi_day
sql_tsi_week sql_tsi_hour sql_tsi_minute sql_tsi_month sql_tsi_quarter sql_tsi_second sql_tsi_microsecond
sql_tsi_year start starting stats_auto_recalc stats_persistent stats_sample_pages status std stddev
stddev_pop stddev_samp storage stored straight_join stream st_x st_y subclass_origin subdate sum sysdate
table table_name tables tablesample tablespace temporary temptable terminated text than then throttle time
timestamp timestampadd timestampdiff tinyblob tinyint tinytext to trace trailing transaction transactions
tree traditional trigger triggers true truncate trim unbounded uncommitted undefined undo unicode union
unique unknown unlock unresolved unsigned unthrottle update upgrade use user user_resources using utc_date
utc_time utc_timestamp validation value values var_pop var_samp variables varbinary varchar variance vector
vexplain vgtid_executed virtual vindex vindexes view vitess vitess_keyspaces vitess_metadata vitess_migration
vitess_migrations vitess_replication_status vitess_shards vitess_tablets vitess_target vitess_throttled_apps
vitess_throttler vschema vstream vtexplain warnings wait_for_executed_gtid_set
wait_until_sql_thread_after_gtids week weight_string when where window with without work write visible xor
year year_month zerofill`;

/** Keywords of Vitess's grammar, lower-case (the lookup is case-insensitive). */
const KEYWORDS: ReadonlySet<string> = new Set(KEYWORD_LIST.split(/\s+/).filter((w) => w !== ''));

export function isSqlKeyword(name: string): boolean {
  return KEYWORDS.has(name.toLowerCase());
}

/** Letters, `_` and `$` anywhere; digits anywhere but first (containEscapableChars, no `@` names). */
function needsEscaping(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
    if (!letter && (i === 0 || c < 48 || c > 57)) return true;
  }
  return false;
}

/** An identifier as Vitess's sqlparser prints it: back-quoted (inner back-quotes doubled) only when needed. */
export function formatIdentifier(name: string): string {
  if (!isSqlKeyword(name) && !needsEscaping(name)) return name;
  return '`' + name.replace(/`/g, '``') + '`';
}

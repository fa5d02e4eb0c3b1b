// sql.js ships a build with the WASM inlined but no typings for that path; it has the same API.
declare module 'sql.js/dist/sql-wasm-inline.js' {
  import initSqlJs from 'sql.js';
  export default initSqlJs;
}

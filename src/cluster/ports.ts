// Ports of the local example's processes, so printed addresses match the docs.
// Mirrors examples/common/scripts/{vttablet,mysqlctl,vtgate,vtctld}-up.sh.

export const VTGATE_MYSQL_PORT = 15306;
export const VTGATE_WEB_PORT = 15001;
export const VTGATE_GRPC_PORT = 15991;
export const VTCTLD_WEB_PORT = 15000;
export const VTCTLD_GRPC_PORT = 15999;

export function tabletWebPort(uid: number): number {
  return 15000 + uid;
}

export function tabletGrpcPort(uid: number): number {
  return 16000 + uid;
}

export function tabletMysqlPort(uid: number): number {
  return 17000 + uid;
}

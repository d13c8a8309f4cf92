// Live sources: the Docker daemon (local socket, tcp/TLS, ssh, contexts) and podman's API socket.
export type { DaemonEndpoint, TlsMaterial, UnixEndpoint, TcpEndpoint, SshEndpoint } from './endpoint.js';
export { parseDaemonHost, DEFAULT_DOCKER_SOCKET } from './endpoint.js';
export { resolveDockerEndpoint, type DockerEndpointInput } from './resolve-docker-endpoint.js';
export { resolvePodmanEndpoint, type PodmanEndpointInput } from './resolve-podman-endpoint.js';
export { findDaemonImage, openDaemonExport, type DaemonExport, type DaemonExportOptions } from './daemon-export.js';
export type { EngineTarget, ImageListing } from './engine-api.js';
export { ping, listImages } from './engine-calls.js';
export type { Engine } from './connection-errors.js';
export { readFromDaemon, type DaemonReadOptions } from './read-from-daemon.js';

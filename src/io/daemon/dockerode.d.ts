// The part of dockerode 5 layerscope uses, typed from its source (lib/docker.js, docker-modem's
// lib/modem.js). @types/dockerode describes dockerode 4: no `agent` option, no getImages, no abort
// signal on ping.
declare module 'dockerode' {
  import type { Agent, IncomingMessage, OutgoingHttpHeaders } from 'node:http';

  namespace Dockerode {
    interface Options {
      socketPath: string | undefined;
      host: string | undefined;
      port: number | undefined;
      protocol: 'http';
      agent: Agent;
      username: undefined;
      ca: undefined;
      cert: undefined;
      key: undefined;
      sshOptions: undefined;
      version: string | undefined;
      timeout: number | undefined;
      connectionTimeout: number | undefined;
      checkServerIdentity: undefined;
      headers: OutgoingHttpHeaders;
    }
    interface DialOptions {
      path: string;
      method: 'GET' | 'POST';
      abortSignal?: AbortSignal;
      isStream?: boolean;
      statusCodes: Record<number, true | string>;
    }
    interface Modem {
      dial(options: DialOptions, callback: (err: unknown, data: unknown) => void): void;
    }
    /** One entry of `GET /images/json`. */
    interface ImageSummary {
      Id: string;
      RepoTags?: string[] | null;
      Size: number;
      Created: number;
    }
  }

  class Dockerode {
    constructor(options: Dockerode.Options);
    readonly modem: Dockerode.Modem;
    ping(options: { abortSignal?: AbortSignal }): Promise<unknown>;
    listImages(options: { abortSignal?: AbortSignal }): Promise<Dockerode.ImageSummary[]>;
    /** `GET /images/get?names=…`: resolves with the tar stream once the headers arrived. */
    getImages(options: { names: string[]; abortSignal?: AbortSignal }): Promise<IncomingMessage>;
    /** `POST /images/create`: resolves with the progress stream once the headers arrived. */
    createImage(options: { fromImage: string; platform?: string; abortSignal?: AbortSignal }): Promise<IncomingMessage>;
  }

  export = Dockerode;
}

// Where a daemon export's record lies (export-records.ts reads and writes them), apart from that module
// so that the entry can look for one before the command line has loaded (cli/early-daemon-read.ts and
// daemon/early-requests.ts).
import { join } from 'node:path';

const IMAGE_ID = /^sha256:([0-9a-f]{64})$/;

/** The records' directory under the layer store's root. */
export const exportRecordsDir = (storeRoot: string): string => join(storeRoot, 'entries', 'export');

/** The file name of `imageId`'s record (its hex); undefined for an id that is not a sha256 digest. */
export const exportRecordName = (imageId: string): string | undefined => IMAGE_ID.exec(imageId)?.[1];

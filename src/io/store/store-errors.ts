// What the layer store reports. A damaged store file is an expected failure (the store is a cache: the
// file is removed and the layer is read again), so it is a typed error the content reader can catch.
export class StoreFileDamaged extends Error {
  override readonly name = 'StoreFileDamaged';
  constructor(
    readonly diffId: string,
    detail: string,
  ) {
    super(`the stored copy of layer ${diffId} is damaged (${detail})`);
  }
}

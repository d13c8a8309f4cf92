// Whether a tag in an archive is the image the user named: 'alpine' means 'alpine:latest', and
// 'docker.io/library/alpine:latest' is the same image as 'alpine:latest'.

function canonical(reference: string): string {
  let ref = reference.replace(/^docker\.io\//, '').replace(/^library\//, '');
  const lastSlash = ref.lastIndexOf('/');
  if (!ref.includes('@') && !ref.slice(lastSlash + 1).includes(':')) ref += ':latest';
  return ref;
}

export function namesMatch(tag: string, wanted: string): boolean {
  return tag === wanted || canonical(tag) === canonical(wanted);
}

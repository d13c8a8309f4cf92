// The model keeps paths relative to the image root ('etc/conf'); everything a person or a script reads
// shows them absolute, as dive does ('/etc/conf').
export const absolutePath = (path: string): string => `/${path}`;

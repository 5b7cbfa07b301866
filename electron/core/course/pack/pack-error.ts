/** A course pack that cannot be used; the message names what is wrong with it, for the student. */
export class PackError extends Error {}

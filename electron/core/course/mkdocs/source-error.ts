/** A course folder that cannot be read as a course at all: the message says why, for the instructor. */
export class CourseSourceError extends Error {}

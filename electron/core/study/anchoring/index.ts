export { describeSelection, CONTEXT_LENGTH } from './selectors.js';
export type { Anchor } from './selectors.js';
export { indexCourse } from './course-text.js';
export type { CourseText, CourseTextIndex, CourseTextPage, CourseTextSection } from './course-text.js';
export { reanchor } from './reanchor.js';
export type { Reanchored } from './reanchor.js';

// Validated well-being questionnaires (WHO-5, PHQ-9, GAD-7): their published text, scoring,
// stored results and trends. Pure; kept on the person's device by services/journal.
export * from './instruments';
export * from './score';
export * from './result-schema';
export * from './trend';
export * from './summary';

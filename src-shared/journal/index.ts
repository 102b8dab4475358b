// The journal's pure core: schema, statistics, and every export and import format.
export * from './schema';
export * from './dates';
export * from './stats';
export * from './chart';
export * from './export-common';
export * from './export-markdown';
export * from './export-csv';
export * from './export-json';
export * from './export-html';
export * from './export-pdf';
export * from './import-json';
export * from './share';

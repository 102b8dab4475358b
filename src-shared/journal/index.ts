// The journal's pure core: schema, statistics, and the export and import formats. The PDF
// writer (export-pdf.ts, with pdf-lib and fontkit, about 1 MB) is imported on its own, lazily.
export * from './schema';
export * from './dates';
export * from './stats';
export * from './chart';
export * from './export-common';
export * from './export-markdown';
export * from './export-csv';
export * from './export-json';
export * from './export-html';
export * from './import-json';
export * from './share';
export * from './locale-dates';
export * from './chart-axis';
export * from './measures';
export * from './insights';

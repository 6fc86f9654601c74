export { type DivisionImportProgress, importDivisions } from './import.ts';
export { divisionRoutes } from './routes.ts';
export { getDivision } from './service.ts';
export { pathOfCode, ROOT_CODE, TOWNSHIP_FILES, VILLAGE_FILE } from './source.ts';
export { countByLevel, countSubtree, isInSubtree } from './store.ts';

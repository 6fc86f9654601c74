export { type DivisionImportProgress, importDivisions } from './import.ts';
export { divisionRoutes } from './routes.ts';
export { fullNamesOf, getDivision } from './service.ts';
export { pathOfCode, ROOT_CODE, TOWNSHIP_FILES, VILLAGE_FILE } from './source.ts';
export { countByLevel, countSubtree, findDivision, isInSubtree } from './store.ts';

/**
 * The action kit: every vendor's action node is the same short shell over its `actions/index.ts`
 * (resources and operations, one file per operation), built with these pieces.
 */
export type { GetByIdSpec } from './getById';
export { getByIdOperation } from './getById';
export type { ListWanted } from './lists';
export { listWanted, MAX_LIST_PAGES, returnAllFields } from './lists';
export type { Operation, Resource } from './operations';
export { collection, executeOperations, operationProperties } from './operations';
export { compact, outputItem, present, unwrapData } from './output';

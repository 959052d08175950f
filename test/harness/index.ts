/**
 * The real-n8n harness, as scenario files (test/e2e), the bench (test/bench) and the product tools
 * (scripts/: npm start, the screenshots) use it: provisioning n8n into the cache, building and
 * packing the package, starting the sandbox and a real n8n together (`startStack`, optionally
 * behind an https front), n8n's APIs, small workflows, publishing triggers and leaving nothing
 * subscribed, the example workflows, and byte-exact posts. Import it from here, not from its files.
 *
 * Not to be confused with test/support/n8nCore.ts, which runs node code in n8n-core's contexts
 * inside the jest process (no n8n server at all).
 */

export type { Example, ImportedExample } from './examples';
export type { KitTrigger, KitTriggerOptions, KitTriggers } from './kitTriggers';
export { kitTriggers } from './kitTriggers';
export { bindCredentials, createSandboxCredentials, EXAMPLES_DIR, forPackage, importExamples, loadExamples, sendSampleEvents, vendorFor } from './examples';
export type { CredentialRef, CredentialTestResult, Execution, Owner, PublicationStatus, Workflow, WorkflowDefinition, WorkflowNode } from './n8nApi';
export { N8nApi, nodeOutput, nodeRan, TIMEOUTS } from './n8nApi';
export type { N8nOptions } from './n8nProcess';
export { freePort, N8n, PACKAGE_NAME } from './n8nProcess';
export { buildAllPackages, buildAndPack, declaredFiles, packageNameOf, removePack, REPO_ROOT } from './package';
export type { Provisioned } from './provision';
export { N8N_VERSION, NODE_VERSION, provision } from './provision';
export type { PublishedSubject } from './publishSubject';
export { publishSubject } from './publishSubject';
export type { RawAnswer } from './rawHttp';
export { rawPost } from './rawHttp';
export type { QueueOptions, QueueStack } from './queueStack';
export { ensureQueueServices } from './queueServices';
export type { Stack, StackOptions, TlsFront } from './stack';
export { startStack, startTlsFront } from './stack';
export type { PublishedTrigger, TriggerPublisher } from './triggers';
export { triggerPublisher } from './triggers';
export type { ActionStep } from './workflows';
export { actionsWorkflow, credentialsOf, MANUAL_TRIGGER, nodeType, NO_OP, operationsOf, operationsRunBy, REMOVE_DUPLICATES, removeDuplicatesNode, triggerWorkflow } from './workflows';

import { ExecuteContext, HookContext, LoadOptionsContext, WebhookContext } from 'n8n-core';
import type {
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeProperties,
	INodeType,
	INodeTypes,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, Workflow } from 'n8n-workflow';

/**
 * Runs our node code inside n8n-core's own execution contexts (HookContext, WebhookContext), with
 * only what n8n's server would add faked: stored credentials, and applying a credential type's
 * `authenticate` (done here by n8n's own expression engine, as n8n's CredentialsHelper does).
 * In-process: no n8n server runs. A real n8n process is test/harness/n8nProcess.ts.
 */

export const PACKAGE = 'n8n-nodes-health-practice';

/** Credentials as n8n would hand them to a node, authenticated by the credential type's own rules. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const resolve = (value: string) =>
			workflow && node
				? String(
						workflow.expression.getParameterValue(value, null, 0, 0, node.name, [], 'internal', {
							$credentials: credentials,
						}),
					)
				: value;
		const headers: IDataObject = { ...requestOptions.headers };
		for (const [name, value] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[name] = resolve(String(value));
		}
		const qs: IDataObject = { ...requestOptions.qs };
		for (const [name, value] of Object.entries(authenticate.properties.qs ?? {})) {
			qs[name] = resolve(String(value));
		}
		return { ...requestOptions, headers, qs };
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`no test credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}

export function nodeTypesOf(...types: INodeType[]): INodeTypes {
	const byName = new Map(types.map((type) => [`${PACKAGE}.${type.description.name}`, type]));
	return {
		getByName: (name) => byName.get(name)!,
		getByNameAndVersion: (name) => byName.get(name)!,
		getKnownTypes: () => ({}),
	};
}

export interface TriggerHarnessOptions {
	trigger: INodeType;
	credentialTypes: ICredentialType[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	parameters: IDataObject;
	/** e.g. `http://127.0.0.1:5678` — `/webhook` and `/webhook-test` are added. */
	n8nBaseUrl: string;
	webhookId?: string;
	workflowId?: string;
	nodeName?: string;
}

type Mode = 'production' | 'test';

/**
 * One trigger node in one workflow, as n8n holds it: production and test registrations with
 * their own static data, which survives between calls unless a test says otherwise.
 */
export class TriggerHarness {
	readonly credentialsHelper: TestCredentialsHelper;
	readonly nodeTypes: INodeTypes;
	node: INode;
	staticData: Record<Mode, IDataObject> = { production: {}, test: {} };

	constructor(private readonly options: TriggerHarnessOptions) {
		this.credentialsHelper = new TestCredentialsHelper(
			Object.fromEntries(options.credentialTypes.map((type) => [type.name, type])),
			options.credentials,
		);
		this.nodeTypes = nodeTypesOf(options.trigger);
		const credentialName = options.credentialTypes[0].name;
		const webhookId = options.webhookId ?? '5d4e3c2b-0000-4000-8000-000000000001';
		this.node = {
			id: `node-${webhookId}`,
			name: options.nodeName ?? options.trigger.description.defaults.name ?? 'Trigger',
			type: `${PACKAGE}.${options.trigger.description.name}`,
			typeVersion: 1,
			position: [0, 0],
			webhookId,
			parameters: options.parameters as INode['parameters'],
			credentials: { [credentialName]: { id: '1', name: credentialName } },
		};
	}

	get trigger(): INodeType {
		return this.options.trigger;
	}

	get webhookId(): string {
		return this.node.webhookId!;
	}

	productionUrl(): string {
		return `${this.options.n8nBaseUrl}/webhook/${this.webhookId}/webhook`;
	}

	testUrl(): string {
		return `${this.options.n8nBaseUrl}/webhook-test/${this.webhookId}/webhook`;
	}

	setParameters(parameters: IDataObject): void {
		this.node = { ...this.node, parameters: parameters as INode['parameters'] };
	}

	/** Static data of this node (`node:<name>`) for a mode. */
	nodeStaticData(mode: Mode = 'production'): IDataObject {
		return (this.staticData[mode][`node:${this.node.name}`] as IDataObject | undefined) ?? {};
	}

	/** What a restart from a fresh database, a copy, or lost static data looks like. */
	forgetStaticData(mode: Mode = 'production'): void {
		this.staticData[mode] = {};
	}

	workflow(mode: Mode): Workflow {
		return new Workflow({
			id: this.options.workflowId ?? 'wf-1',
			name: 'Test workflow',
			nodes: [this.node],
			connections: {},
			active: mode === 'production',
			nodeTypes: this.nodeTypes,
			staticData: this.staticData[mode],
		});
	}

	additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			webhookBaseUrl: `${this.options.n8nBaseUrl}/webhook`,
			webhookTestBaseUrl: `${this.options.n8nBaseUrl}/webhook-test`,
			...extra,
		} as IWorkflowExecuteAdditionalData;
	}

	hookContext(mode: Mode = 'production', activation: WorkflowActivateMode = 'activate'): HookContext {
		const workflow = this.workflow(mode);
		const node = workflow.getNode(this.node.name)!;
		const webhookDescription = this.options.trigger.description.webhooks![0];
		const executeMode: WorkflowExecuteMode = mode === 'test' ? 'manual' : 'trigger';
		return new HookContext(workflow, node, this.additionalData(), executeMode, mode === 'test' ? 'manual' : activation, {
			isTest: mode === 'test',
			webhookDescription,
			node: node.name,
			workflowId: workflow.id,
			httpMethod: 'POST',
			path: 'webhook',
			workflowExecuteAdditionalData: this.additionalData(),
		} as never);
	}

	/**
	 * Runs a lifecycle method as n8n does: static data written by a method that throws is not
	 * saved (n8n saves it only after a successful registration).
	 */
	async runHook(method: 'checkExists' | 'create' | 'delete', mode: Mode = 'production'): Promise<boolean | undefined> {
		const before = JSON.parse(JSON.stringify(this.staticData[mode])) as IDataObject;
		const context = this.hookContext(mode);
		try {
			return (await this.options.trigger.webhookMethods!.default![method].call(context)) as boolean | undefined;
		} catch (error) {
			this.staticData[mode] = before;
			throw error;
		}
	}

	/** Publish (or start listening): `checkExists`, then `create` when it says no. */
	async publish(mode: Mode = 'production'): Promise<void> {
		if (!(await this.runHook('checkExists', mode))) await this.runHook('create', mode);
	}

	async unpublish(mode: Mode = 'production'): Promise<void> {
		await this.runHook('delete', mode);
	}

	webhookContext(mode: Mode, httpRequest: unknown, httpResponse: unknown): WebhookContext {
		const workflow = this.workflow(mode);
		const node = workflow.getNode(this.node.name)!;
		const webhookDescription = this.options.trigger.description.webhooks![0];
		const additionalData = this.additionalData({ httpRequest, httpResponse } as never);
		return new WebhookContext(
			workflow,
			node,
			additionalData,
			mode === 'test' ? 'manual' : 'webhook',
			{ isTest: mode === 'test', webhookDescription, node: node.name, workflowId: workflow.id } as never,
			[],
			null,
		);
	}

	async webhook(mode: Mode, httpRequest: unknown, httpResponse: unknown): Promise<IWebhookResponseData> {
		return await this.options.trigger.webhook!.call(this.webhookContext(mode, httpRequest, httpResponse));
	}
}

export interface ActionHarnessOptions {
	node: INodeType;
	credentialTypes: ICredentialType[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
}

export interface ActionRun {
	parameters: IDataObject;
	/** Input items (their `json`); one empty item by default. Parameters may be `={{ $json.x }}` expressions. */
	items?: IDataObject[];
	/** Binary data of the input items, by item position (`data` base64, as n8n keeps small files in memory). */
	binary?: Array<IBinaryKeyData | undefined>;
	continueOnFail?: boolean;
	/**
	 * Optional: replaces the context's `helpers.httpRequestWithAuthentication` (e.g. with a recording
	 * fake vendor), so that the node's requests never leave the process. n8n's own helper by default.
	 */
	httpRequestWithAuthentication?: IExecuteFunctions['helpers']['httpRequestWithAuthentication'];
}

/** Runs an action node's `execute()` in n8n-core's ExecuteContext, as a workflow step would. */
export class ActionHarness {
	readonly credentialsHelper: TestCredentialsHelper;
	private readonly nodeTypes: INodeTypes;

	constructor(private readonly options: ActionHarnessOptions) {
		this.credentialsHelper = new TestCredentialsHelper(
			Object.fromEntries(options.credentialTypes.map((type) => [type.name, type])),
			options.credentials,
		);
		this.nodeTypes = nodeTypesOf(options.node);
	}

	async run({
		parameters,
		items = [{}],
		binary = [],
		continueOnFail = false,
		httpRequestWithAuthentication,
	}: ActionRun): Promise<INodeExecutionData[][]> {
		const credentialName = this.options.credentialTypes[0].name;
		const node: INode = {
			id: 'action-node',
			name: this.options.node.description.defaults.name ?? 'Action',
			type: `${PACKAGE}.${this.options.node.description.name}`,
			typeVersion: 1,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
			credentials: { [credentialName]: { id: '1', name: credentialName } },
			...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		};
		const workflow = new Workflow({
			id: 'wf-actions',
			name: 'Action test',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
		const inputData = { main: [items.map((json, index) => (binary[index] ? { json, binary: binary[index] } : { json }))] };
		const runExecutionData = createRunExecutionData({ resultData: { runData: {} } });
		const additionalData = {
			credentialsHelper: this.credentialsHelper,
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			executionId: 'test-execution',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new ExecuteContext(
			workflow,
			workflow.getNode(node.name)!,
			additionalData,
			'manual',
			runExecutionData,
			0,
			inputData.main[0],
			inputData,
			{ node, data: inputData, source: null },
			[],
		);
		if (httpRequestWithAuthentication) context.helpers.httpRequestWithAuthentication = httpRequestWithAuthentication;
		return (await this.options.node.execute!.call(context)) as INodeExecutionData[][];
	}

	/**
	 * A resource locator's "From List" as the editor asks n8n for it: the node's
	 * `methods.listSearch[method]` in n8n-core's LoadOptionsContext, with the node's current
	 * parameters (what the user has filled in so far), a typed filter and the next page's token.
	 */
	async listSearch(
		method: string,
		{ parameter, parameters = {}, filter, paginationToken }: { parameter: string; parameters?: IDataObject; filter?: string; paginationToken?: string },
	): Promise<INodeListSearchResult> {
		const search = this.options.node.methods?.listSearch?.[method];
		if (!search) throw new Error(`${this.options.node.description.name} has no listSearch method ${method}`);
		const credentialName = this.options.credentialTypes[0].name;
		const node: INode = {
			id: 'action-node',
			name: this.options.node.description.defaults.name ?? 'Action',
			type: `${PACKAGE}.${this.options.node.description.name}`,
			typeVersion: 1,
			position: [0, 0],
			parameters: parameters as INode['parameters'],
			credentials: { [credentialName]: { id: '1', name: credentialName } },
		};
		const workflow = new Workflow({ id: 'wf-search', name: 'Search', nodes: [node], connections: {}, active: false, nodeTypes: this.nodeTypes });
		const additionalData = {
			credentialsHelper: this.credentialsHelper,
			currentNodeParameters: parameters,
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new LoadOptionsContext(workflow, workflow.getNode(node.name)!, additionalData, `parameters.${parameter}`);
		return await search.call(context, filter, paginationToken);
	}
}

import type { IDataObject, INodeType } from 'n8n-workflow';

/** A trigger's delivery path, set up for the pipeline benchmark. */
export interface PipelineCase {
	vendor: string;
	trigger: INodeType;
	parameters: IDataObject;
	staticData: IDataObject;
	/** Credentials by type, for triggers whose secret lives in the credential. */
	credentials?: Record<string, IDataObject>;
	/** The i-th valid, signed delivery (each distinct, so the replay guard lets it through). */
	delivery(i: number): { rawBody: Buffer; headers: Record<string, string> };
	/** The bare minimum over the same delivery: one createHmac and one JSON.parse. */
	baseline(delivery: { rawBody: Buffer; headers: Record<string, string> }): unknown;
}

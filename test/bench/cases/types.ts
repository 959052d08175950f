import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

/** A trigger's delivery path, set up for the pipeline benchmark. */
export interface PipelineCase {
	vendor: string;
	trigger: INodeType;
	/** The trigger's credential type (n8n-core's contexts need it to read credentials). */
	credentialType: ICredentialType;
	parameters: IDataObject;
	staticData: IDataObject;
	/** Credentials by type, for triggers whose secret lives in the credential. */
	credentials?: Record<string, IDataObject>;
	/**
	 * The i-th valid, signed delivery (each distinct, so the replay guard lets it through), its
	 * JSON grown by about `padBytes` with a text field, as real payloads carry data.
	 */
	delivery(i: number, padBytes: number, url?: string): { rawBody: Buffer; headers: Record<string, string> };
	/** The bare minimum over the same delivery: one createHmac and one JSON.parse. */
	baseline(delivery: { rawBody: Buffer; headers: Record<string, string> }, url?: string): unknown;
}

/** The JSON body with a `padding` field of about `bytes` characters added at its top level. */
export function padJson(body: Buffer, bytes: number): Buffer {
	if (bytes <= 0) return body;
	return Buffer.from(JSON.stringify({ ...JSON.parse(body.toString('utf8')), padding: 'x'.repeat(bytes) }));
}

export { IngestPipeline, type IngestPipelineOptions, type IngestSource } from './ingest-pipeline.js';
export { ReceiptIssuer, type ReceiptIssuerOptions, type ReceiptIssuerStats, type ReceiptSink } from './receipt-issuer.js';
export { receiptRefusal, RECEIPT_REFUSALS, type ReceiptRefusal } from './receipt-eligibility.js';

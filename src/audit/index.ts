export { type AuditEvent, auditRow, recordAudit } from "./record.js";

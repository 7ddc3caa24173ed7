import type { Extension, onConnectPayload } from '@hocuspocus/server';
import { SCHEMA_OUTDATED_REASON } from '../../../shared/close-codes.ts';
import { checkClientSchema } from '../../../shared/index.ts';

/**
 * Refuses clients whose map schema is of an older major version than the server's: they would write
 * shapes this version no longer reads. The browser client sends its version as `?schema=N` on
 * /collab and shows "please reload" when refused with SCHEMA_OUTDATED_REASON.
 */
export class SchemaVersionExtension implements Extension {
  readonly extensionName = 'schema-version';
  readonly priority = 300;

  async onConnect({ requestParameters }: onConnectPayload): Promise<void> {
    const raw = requestParameters.get('schema');
    // Every browser client since v1 sends it; tools without it (bench, scripts) speak the current one.
    if (raw === null) return;
    const check = checkClientSchema(Number(raw));
    if (!check.ok) {
      // Hocuspocus sends `reason` to the provider as a permission-denied message.
      throw Object.assign(new Error(check.reason), {
        reason: `${SCHEMA_OUTDATED_REASON}: ${check.reason}`,
      });
    }
  }
}

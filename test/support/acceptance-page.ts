// The Vitess user-guide page vtsim must run unmodified lives in the steering repository's shared/
// folder, beside this checkout (CI always has it). It is not copied into the project: tests that need
// it are skipped, visibly, when it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ACCEPTANCE_PATH = join(import.meta.dirname, '../../../shared/acceptance/move-tables.md');
export const HAS_ACCEPTANCE = existsSync(ACCEPTANCE_PATH);
/** The page's text, or '' when ../shared is absent (the tests using it are then skipped). */
export const ACCEPTANCE_PAGE = HAS_ACCEPTANCE ? readFileSync(ACCEPTANCE_PATH, 'utf8') : '';

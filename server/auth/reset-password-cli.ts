// `weft users reset-password <email>` (issue 18): the way back in for the last admin
// who lost their password, on the server's machine. Works on the data folder's design
// store directly, whether Weft runs or not (SQLite in WAL mode takes a second writer;
// a running Weft's sessions of that person end at once, its live streams within seconds).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DesignStore } from '../design/design-store';
import { SecretBox } from '../design/secrets';
import { Accounts } from './accounts';

export async function resetPasswordFromCli(dataDir: string, email: string, migrationsDir: string): Promise<string> {
  const file = join(dataDir, 'weft.sqlite');
  if (!existsSync(file))
    throw new Error(`there is no Weft design store in ${dataDir} (set WEFT_DATA_DIR to Weft's data folder)`);
  const design = DesignStore.open(file, SecretBox.open(dataDir), migrationsDir);
  try {
    const accounts = new Accounts(design);
    const user = accounts.store.userByEmail(email);
    if (!user?.passwordHash)
      throw new Error(
        `there is no person with the email ${email} in this Weft (weft users reset-password takes a person's sign-in email)`,
      );
    const password = await accounts.resetPassword(user.id);
    for (const w of accounts.store.workspacesOf(user.id))
      design.audit(w.workspaceId, 'weft command line', 'member.password-reset', user.email, {
        from: 'weft users reset-password',
      });
    return password;
  } finally {
    design.close();
  }
}

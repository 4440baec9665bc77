import { GLOBAL_ROLES, type GlobalRole } from '../../core/platform/permissions.ts';
import { parse, runCommand, UsageError } from '../args.ts';
import { withDatabase } from '../db.ts';

const help = `Usage: jalon user create --email E --name N --role R [--password-stdin] [--person-email P]
       jalon user list [--json]
       jalon user disable --email E
       jalon user set-password --email E --password-stdin

Roles: ${GLOBAL_ROLES.join(', ')}.
Without --password-stdin, create asks for nothing and prints a random password once.
--person-email links the account to the person with that e-mail (their project roles apply).`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError(
      '--password-stdin reads the password from a pipe, e.g. `echo "$PW" | jalon user create …`',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function run(argv: string[]): Promise<number> {
  return runCommand(help, async () => {
    const { values, positionals } = parse(
      argv,
      {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'person-email': { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    const [action, ...extra] = positionals;
    if (values.help || !action) {
      console.log(help);
      return values.help ? 0 : 2;
    }
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const users = await import('../../server/modules/platform/users.service.ts');
    const { DomainError } = await import('../../core/errors.ts');
    const { SYSTEM_ACTOR } = await import('../../server/seed/demo.ts');
    const need = (name: 'email' | 'name' | 'role') => {
      const v = values[name];
      if (!v) throw new UsageError(`--${name} is required for "user ${action}"`);
      return v;
    };
    switch (action) {
      case 'create': {
        const email = need('email');
        const name = need('name');
        const role = need('role');
        if (!(GLOBAL_ROLES as readonly string[]).includes(role))
          throw new UsageError(`--role must be one of ${GLOBAL_ROLES.join(', ')}`);
        const { randomBytes } = await import('node:crypto');
        const generated = !values['password-stdin'];
        const password = generated ? randomBytes(12).toString('base64url') : await readStdin();
        if (password.length < 12)
          throw new DomainError(
            'VALIDATION_FAILED',
            'The password must have at least 12 characters',
          );
        return withDatabase(async (database, config) => {
          const ctx = { db: database.db, config };
          let personId: string | null = null;
          if (values['person-email']) {
            const { findPersonIdByEmail } = await import('../../server/modules/org/org.service.ts');
            const found = await findPersonIdByEmail(ctx, values['person-email']);
            if (!found)
              throw new DomainError(
                'PERSON_NOT_FOUND',
                `No person with e-mail ${values['person-email']}`,
              );
            personId = found;
          }
          const user = await users.createUser(ctx, SYSTEM_ACTOR, {
            email: email.toLowerCase(),
            name,
            role: role as GlobalRole,
            password,
            personId,
          });
          console.log(
            values.json ? JSON.stringify(user) : `Compte créé : ${user.email} (${user.role})`,
          );
          if (generated) console.log(`Mot de passe (affiché une seule fois) : ${password}`);
          return 0;
        });
      }
      case 'list':
        return withDatabase(async (database, config) => {
          const page = await users.listUsers({ db: database.db, config }, { limit: 200 });
          if (values.json) console.log(JSON.stringify(page.items, null, 2));
          else
            for (const u of page.items)
              console.log(
                `${u.email.padEnd(32)} ${u.role.padEnd(17)} ${u.disabled ? 'désactivé' : 'actif'}  ${u.name}`,
              );
          return 0;
        });
      case 'disable':
      case 'set-password': {
        const email = need('email').toLowerCase();
        const password = action === 'set-password' ? await readStdin() : undefined;
        if (password !== undefined && password.length < 12)
          throw new DomainError(
            'VALIDATION_FAILED',
            'The password must have at least 12 characters',
          );
        return withDatabase(async (database, config) => {
          const ctx = { db: database.db, config };
          const user = await users.findUserByEmail(ctx, email);
          if (!user) throw new DomainError('USER_NOT_FOUND', `No account ${email}`);
          if (password !== undefined) await users.setPassword(ctx, SYSTEM_ACTOR, user.id, password);
          else await users.updateUser(ctx, SYSTEM_ACTOR, user.id, user.version, { disabled: true });
          console.log(
            action === 'disable' ? `Compte désactivé : ${email}` : `Mot de passe changé : ${email}`,
          );
          return 0;
        });
      }
      default:
        throw new UsageError(`unknown action "${action}" (create, list, disable, set-password)`);
    }
  });
}

import { Hono } from 'hono';
import { z } from 'zod';
import { plainName } from '../../shared/index.ts';
import type { AuthServices } from '../auth/authServices.ts';
import type { StorageStores } from '../storage/storage.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';
import { requireAccount } from './session.ts';
import { readJson } from './validate.ts';

const createBody = z.object({
  name: plainName(
    z.string().trim().min(2, 'name must have at least 2 characters').max(60, 'name is too long'),
  ),
});

/** A URL-safe slug of a department name: "Atención al cliente" -> "atencion-al-cliente". */
export function departmentSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

/**
 * /api/departments: the workspace's list (public, the sign-up page needs it) and additions, by the
 * owner of some map or a workspace admin (WORKSPACE_ADMINS): the list is shared by everyone.
 */
export function departmentsRoutes(deps: {
  auth: AuthServices;
  storage: StorageStores;
}): Hono<AppEnv> {
  const { auth, storage } = deps;
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => c.json({ departments: await storage.departments.list() }));

  app.post('/', async (c) => {
    const { user } = requireAccount(c);
    const admin = user.email !== null && auth.workspaceAdmins.has(user.email.toLowerCase());
    if (!admin && !(await storage.members.ownsAnyMap(user.id))) {
      throw new ApiError(
        403,
        'forbidden',
        'only map owners and workspace admins add departments: ask one of them',
      );
    }
    const { name } = await readJson(c, createBody);
    const id = departmentSlug(name);
    if (!id) throw new ApiError(400, 'invalid_body', 'name: use letters or digits');
    if (await storage.departments.exists(id)) {
      throw new ApiError(409, 'department_exists', `the department "${id}" already exists`);
    }
    return c.json(await storage.departments.create(id, name), 201);
  });

  return app;
}

import type { StorageStores } from '../storage.ts';
import { postgresActionStore } from './actionStore.ts';
import { postgresChangeStore, postgresVisitStore } from './activityStores.ts';
import { postgresDepartmentStore } from './departmentStore.ts';
import { postgresDigestStore } from './digestStore.ts';
import { postgresDocumentLog } from './documentLog.ts';
import type { Executor } from './executor.ts';
import { postgresFeedbackStore } from './feedbackStore.ts';
import { postgresInviteStore } from './inviteStore.ts';
import { postgresMapStore } from './mapStore.ts';
import { postgresMemberStore } from './memberStore.ts';
import { postgresSessionStore } from './sessionStore.ts';
import { postgresThreadStore } from './threadStore.ts';
import { postgresUserStore } from './userStore.ts';
import { postgresVersionStore } from './versionStore.ts';
import { postgresVoteStore } from './voteStore.ts';

/** Every store, running its SQL on exec (the pool, or one transaction's connection). */
export function postgresStores(exec: Executor): StorageStores {
  return {
    documents: postgresDocumentLog(exec),
    maps: postgresMapStore(exec),
    users: postgresUserStore(exec),
    sessions: postgresSessionStore(exec),
    members: postgresMemberStore(exec),
    invites: postgresInviteStore(exec),
    departments: postgresDepartmentStore(exec),
    threads: postgresThreadStore(exec),
    digests: postgresDigestStore(exec),
    changes: postgresChangeStore(exec),
    visits: postgresVisitStore(exec),
    feedback: postgresFeedbackStore(exec),
    versions: postgresVersionStore(exec),
    actions: postgresActionStore(exec),
    votes: postgresVoteStore(exec),
  };
}

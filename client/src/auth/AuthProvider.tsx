import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { rememberMember } from '../collab/earlyConnection.ts';
import { deleteAllLocalCopies } from '../collab/localCopies.ts';
import { api, setUnauthorizedHandler, type User } from '../api.ts';
import { markBoot } from '../perf/bootMarks.ts';

interface AuthValue {
  /** undefined while the session is being checked, null when signed out. */
  user: User | null | undefined;
  setUser: (user: User | null) => void;
  logOut: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

let firstCheck: Promise<User> | null = null;

/** Starts `GET /api/me` before React renders (main.tsx); the provider's first check uses it. */
export function checkSessionEarly(): void {
  firstCheck ??= api.me();
  // Handled by the provider once mounted; never an unhandled rejection meanwhile.
  firstCheck.catch(() => undefined);
}

/** Knows who is signed in (`GET /api/me`) and forgets it when any API call answers 401. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    const check = firstCheck ?? api.me();
    firstCheck = null;
    check.then(
      (me) => {
        markBoot('me');
        if (!cancelled) setUser(me);
      },
      // 401, or the server cannot be reached: either way the login page is the place to be.
      () => !cancelled && setUser(null),
    );
    setUnauthorizedHandler(() => setUser(null));
    return () => {
      cancelled = true;
      setUnauthorizedHandler(null);
    };
  }, []);

  // The early map connection (earlyConnection.ts) is for a remembered team member only.
  useEffect(() => {
    if (user !== undefined) rememberMember(user);
  }, [user]);

  const logOut = useCallback(async () => {
    await api.logOut().catch(() => undefined);
    setUser(null);
    // Nothing of the maps stays in this browser after signing out.
    await deleteAllLocalCopies().catch(() => undefined);
  }, []);

  const value = useMemo<AuthValue>(() => ({ user, setUser, logOut }), [user, logOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The signed-in user and the auth actions. */
export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

import { Route, Switch } from 'wouter';
import { AuthProvider } from './auth/AuthProvider.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { SignupPage } from './auth/SignupPage.tsx';
import { ActionsPage } from './actions/ActionsPage.tsx';
import { MyActionsPage } from './actions/MyActionsPage.tsx';
import { ComparePage } from './compare/ComparePage.tsx';
import { InboxPage } from './inbox/InboxPage.tsx';
import { MapListPage } from './maps/MapListPage.tsx';
import { MapPage } from './map/MapPage.tsx';
import { InviteAcceptPage } from './members/InviteAcceptPage.tsx';
import { PrioritiesPage } from './priorities/PrioritiesPage.tsx';
import { ToastProvider } from './ui/Toasts.tsx';

/** Routes: login, sign-up and invites are public; the map list, the inbox and maps need a session. */
export function App() {
  return (
    <AuthProvider>
      <ToastProvider>
        <Switch>
          <Route path="/login">
            <LoginPage />
          </Route>
          <Route path="/signup">
            <SignupPage />
          </Route>
          <Route path="/invite/:token">
            {(params) => <InviteAcceptPage key={params.token} token={params.token} />}
          </Route>
          <Route path="/inbox">
            <RequireAuth>
              <InboxPage />
            </RequireAuth>
          </Route>
          <Route path="/actions">
            {() => (
              <RequireAuth>
                <MyActionsPage />
              </RequireAuth>
            )}
          </Route>
          <Route path="/maps/:id/actions">
            {(params) => (
              <RequireAuth>
                <ActionsPage key={params.id} mapId={params.id} />
              </RequireAuth>
            )}
          </Route>
          <Route path="/maps/:id/compare">
            {(params) => (
              <RequireAuth>
                <ComparePage key={params.id} mapId={params.id} />
              </RequireAuth>
            )}
          </Route>
          <Route path="/maps/:id/priorities">
            {(params) => (
              <RequireAuth>
                <PrioritiesPage key={params.id} mapId={params.id} />
              </RequireAuth>
            )}
          </Route>
          <Route path="/maps/:id">
            {(params) => (
              <RequireAuth>
                <MapPage key={params.id} mapId={params.id} />
              </RequireAuth>
            )}
          </Route>
          <Route>
            <RequireAuth>
              <MapListPage />
            </RequireAuth>
          </Route>
        </Switch>
      </ToastProvider>
    </AuthProvider>
  );
}

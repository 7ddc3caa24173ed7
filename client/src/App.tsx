import { Route, Switch } from 'wouter';
import { MapListPage } from './maps/MapListPage.tsx';
import { MapPage } from './map/MapPage.tsx';

/** Routes: the map list and one map. */
export function App() {
  return (
    <Switch>
      <Route path="/maps/:id">{(params) => <MapPage key={params.id} mapId={params.id} />}</Route>
      <Route>
        <MapListPage />
      </Route>
    </Switch>
  );
}

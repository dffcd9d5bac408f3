import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import statesTopology from 'us-atlas/states-10m.json';
import { uspsFromFips } from './fips.js';

/** One state's outline, keyed by its USPS code. */
export interface StateShape {
  code: string;
  name: string;
  feature: Feature<Geometry>;
}

type StatesTopology = Topology<{ states: GeometryCollection<{ name: string }> }>;

/**
 * The 50 states and DC (plus territories, which `geoAlbersUsa` leaves out) from `us-atlas`, bundled
 * with the page: the map never asks the network for shapes.
 */
export function loadStateShapes(): StateShape[] {
  const topology = statesTopology as unknown as StatesTopology;
  const collection = feature(topology, topology.objects.states) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  return collection.features.flatMap((f) => {
    const code = f.id === undefined ? undefined : uspsFromFips(f.id);
    return code ? [{ code, name: f.properties.name, feature: f }] : [];
  });
}

/** The borders between states as one multi-line (drawn once, thin, over the fills). */
export function loadStateBorders(): Geometry {
  const topology = statesTopology as unknown as StatesTopology;
  return mesh(topology, topology.objects.states, (a, b) => a !== b);
}

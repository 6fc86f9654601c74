/** A WGS84 point, as the intake records it. */
export type GeoPoint = { longitude: number; latitude: number };

const EARTH_RADIUS_METERS = 6_371_008.8;

/** Great-circle distance (haversine); accurate to well under a metre at city scale. */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const toRadians = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * toRadians;
  const dLon = (b.longitude - a.longitude) * toRadians;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * toRadians) * Math.cos(b.latitude * toRadians) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}
